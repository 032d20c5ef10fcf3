#include "citystatewidget.h"
#include "cityexchangeclient.h"
#include "formvalidation.h"
#include "syncengine.h"
#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>
#include <QVBoxLayout>

namespace gw {

namespace {
QLabel *valueLabel(QWidget *parent, const char *objectName)
{
    auto *l = new QLabel(parent);
    l->setObjectName(QLatin1String(objectName));
    l->setTextFormat(Qt::PlainText);
    l->setWordWrap(true);
    l->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return l;
}
}

CityStateWidget::CityStateWidget(CityExchangeClient *client, QWidget *parent) : QGroupBox(parent), m_client(client)
{
    setObjectName(QStringLiteral("cityStateBox"));
    auto *layout = new QVBoxLayout(this);
    auto *top = new QHBoxLayout;
    m_badge = new QLabel(this);
    m_badge->setObjectName(QStringLiteral("cityStateLabel"));
    m_badge->setTextFormat(Qt::PlainText);
    m_badge->setWordWrap(true);
    m_refresh = new QToolButton(this);
    m_refresh->setObjectName(QStringLiteral("cityRefreshButton"));
    connect(m_refresh, &QToolButton::clicked, this, &CityStateWidget::refresh);
    top->addWidget(m_badge, 1);
    top->addWidget(m_refresh, 0, Qt::AlignTop);
    layout->addLayout(top);

    m_details = new QWidget(this);
    auto *grid = new QGridLayout(m_details);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setHorizontalSpacing(12);
    grid->setColumnStretch(1, 1);
    grid->setColumnStretch(3, 1);
    m_origin = valueLabel(m_details, "cityOriginValue");
    m_requestId = valueLabel(m_details, "cityRequestIdValue");
    m_attempts = valueLabel(m_details, "cityAttemptsValue");
    m_lastAttempt = valueLabel(m_details, "cityLastAttemptValue");
    m_reason = valueLabel(m_details, "cityReasonValue");
    m_reason->setStyleSheet(QStringLiteral("color: #a61b1b;"));
    auto caption = [this](int row, int column) {
        auto *l = new QLabel(m_details);
        l->setAlignment(Qt::AlignRight | Qt::AlignTop);
        l->setStyleSheet(QStringLiteral("color: palette(dark);"));
        static_cast<QGridLayout *>(m_details->layout())->addWidget(l, row, column);
        m_captions.append(l);
    };
    caption(0, 0);
    grid->addWidget(m_origin, 0, 1, 1, 3);
    caption(1, 0);
    grid->addWidget(m_requestId, 1, 1);
    caption(1, 2);
    grid->addWidget(m_attempts, 1, 3);
    caption(2, 0);
    grid->addWidget(m_lastAttempt, 2, 1, 1, 3);
    caption(3, 0);
    grid->addWidget(m_reason, 3, 1, 1, 3);
    layout->addWidget(m_details);

    m_note = new QLabel(this);
    m_note->setObjectName(QStringLiteral("cityNoteLabel"));
    m_note->setWordWrap(true);
    m_note->setTextFormat(Qt::PlainText);
    m_note->setStyleSheet(QStringLiteral("color: palette(dark);"));
    layout->addWidget(m_note);

    m_poll.setSingleShot(true);
    connect(&m_poll, &QTimer::timeout, this, &CityStateWidget::refresh);
    if (m_client) {
        connect(m_client, &CityExchangeClient::caseCityStateReady, this, &CityStateWidget::onReady);
        connect(m_client, &CityExchangeClient::caseCityStateFailed, this, &CityStateWidget::onFailed);
        if (SyncEngine *sync = m_client->syncEngine())
            connect(sync, &SyncEngine::syncFinished, this, [this](bool, const QString &) {
                if (!m_caseId.isEmpty() && isVisible())
                    refresh();
            });
    }
    retranslate();
    setVisible(false);
}

void CityStateWidget::setPollInterval(int milliseconds)
{
    m_pollMs = qMax(0, milliseconds);
    if (m_pollMs == 0)
        m_poll.stop();
}

bool CityStateWidget::mayInvolveCity() const
{
    return m_escalatedHere || m_seenInvolved;
}

void CityStateWidget::clear()
{
    m_caseId.clear();
    m_known = false;
    m_seenInvolved = false;
    m_state = CityCaseState();
    m_poll.stop();
    setVisible(false);
}

void CityStateWidget::showCase(const CaseRecord &record)
{
    const bool sameCase = record.id == m_caseId;
    m_escalatedHere = record.escalated;
    if (!sameCase) {
        m_caseId = record.id;
        m_known = false;
        m_seenInvolved = false;
        m_state = CityCaseState();
        m_requestInFlight = false;
        m_poll.stop();
        // Until the server answers, only a case known here to be escalated shows the box.
        showUnknown(tr("Checking…"), tr("Asking the district server for the city state…"));
    }
    setVisible(mayInvolveCity());
    // The store refreshes the detail in bursts while syncing: one question at a time is enough.
    if (!sameCase || !m_requestInFlight)
        refresh();
}

void CityStateWidget::refresh()
{
    if (m_caseId.isEmpty() || !m_client)
        return;
    m_poll.stop();
    m_requestInFlight = true;
    m_refresh->setEnabled(false);
    m_client->fetchCaseCityState(m_caseId);
}

void CityStateWidget::setBadge(const QString &text, const char *background, const char *foreground)
{
    m_badge->setText(text);
    m_badge->setStyleSheet(QStringLiteral("font-weight: bold; padding: 3px 6px; border-radius: 3px; background: %1; color: %2;")
                               .arg(QLatin1String(background), QLatin1String(foreground)));
}

void CityStateWidget::showUnknown(const QString &badge, const QString &note)
{
    setBadge(badge, "#eeeeee", "#555555");
    m_details->setVisible(false);
    m_note->setText(note);
    m_note->setVisible(!note.isEmpty());
}

void CityStateWidget::onReady(const QString &caseId, const CityCaseState &state)
{
    if (caseId != m_caseId)
        return;
    m_requestInFlight = false;
    m_refresh->setEnabled(true);
    m_known = true;
    m_state = state;
    m_seenInvolved = m_seenInvolved || state.involvesCity();
    setVisible(mayInvolveCity());
    if (!state.configured) {
        showUnknown(tr("City exchange not configured"),
                    tr("The district server does not exchange cases with the city platform, so nothing was sent."));
        Q_EMIT stateShown(caseId);
        return;
    }
    switch (state.state) {
    case CityCaseState::State::Pending: setBadge(CityCaseState::stateDisplayName(state.state), "#fff4d6", "#7a4d00"); break;
    case CityCaseState::State::Sent: setBadge(CityCaseState::stateDisplayName(state.state), "#e3edf7", "#1f4e79"); break;
    case CityCaseState::State::Acknowledged: setBadge(CityCaseState::stateDisplayName(state.state), "#dff0d8", "#2b5f1e"); break;
    case CityCaseState::State::Failed: setBadge(CityCaseState::stateDisplayName(state.state), "#f8d7da", "#a61b1b"); break;
    case CityCaseState::State::None: setBadge(CityCaseState::stateDisplayName(state.state), "#eeeeee", "#555555"); break;
    }
    const QString none = QStringLiteral("—");
    m_origin->setText(state.origin == CityCaseState::Origin::None ? none : CityCaseState::originDisplayName(state.origin).text());
    m_requestId->setText(state.cityRequestId.isEmpty() ? tr("not yet assigned") : state.cityRequestId);
    QString attempts = QString::number(state.attempts);
    if (state.pendingMessages > 0)
        attempts += QLatin1Char(' ') + tr("(%n message(s) waiting)", nullptr, state.pendingMessages);
    m_attempts->setText(attempts);
    m_lastAttempt->setText(state.lastExchangeAt.isValid() ? FormValidation::displayTime(state.lastExchangeAt) : none);
    m_reason->setText(state.reason);
    const bool hasReason = !state.reason.isEmpty();
    m_reason->setVisible(hasReason);
    m_captions.value(4)->setVisible(hasReason);
    m_details->setVisible(true);
    m_note->setText(tr("As reported by the district server at %1.")
                        .arg(FormValidation::displayTime(QDateTime::currentDateTimeUtc())));
    m_note->setVisible(true);
    if (m_pollMs > 0 && (state.state == CityCaseState::State::Pending || state.state == CityCaseState::State::Sent))
        m_poll.start(m_pollMs);
    Q_EMIT stateShown(caseId);
}

void CityStateWidget::onFailed(const QString &caseId, const QString &message, bool offline)
{
    if (caseId != m_caseId)
        return;
    m_requestInFlight = false;
    m_refresh->setEnabled(true);
    // What was shown before may be out of date now: it is not kept on screen as if it were live.
    m_known = false;
    m_state = CityCaseState();
    if (offline)
        showUnknown(tr("City state unknown while offline"),
                    tr("The city exchange is run by the district server; connect to it to see the current state."));
    else
        showUnknown(tr("City state unavailable"), message);
    setVisible(mayInvolveCity());
    Q_EMIT stateShown(caseId);
}

void CityStateWidget::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QGroupBox::changeEvent(event);
}

void CityStateWidget::retranslate()
{
    setTitle(tr("City platform (市级平台)"));
    m_refresh->setText(tr("Refresh"));
    m_refresh->setToolTip(tr("Ask the district server for the current city state"));
    const QStringList captions{tr("Exchange"), tr("City request id"), tr("Attempts"), tr("Last attempt"), tr("Reason")};
    for (int i = 0; i < m_captions.size(); ++i)
        m_captions.at(i)->setText(captions.value(i) + QLatin1Char(':'));
}

} // namespace gw
