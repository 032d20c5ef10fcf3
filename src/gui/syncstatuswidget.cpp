#include "syncstatuswidget.h"
#include "applicationcontext.h"
#include "casestore.h"
#include "icons.h"
#include "syncengine.h"
#include "syncjournal.h"
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QToolButton>

namespace gw {

SyncStatusWidget::SyncStatusWidget(ApplicationContext *context, QWidget *parent)
    : QWidget(parent), m_context(context)
{
    m_stateIcon = new QLabel(this);
    m_state = new QLabel(this);
    m_state->setObjectName(QStringLiteral("syncState"));
    m_lastSync = new QLabel(this);
    m_lastSync->setObjectName(QStringLiteral("lastSync"));
    m_pendingLabel = new QLabel(this);
    m_pendingLabel->setObjectName(QStringLiteral("pendingCount"));
    m_othersLabel = new QLabel(this);
    m_othersLabel->setObjectName(QStringLiteral("othersWaiting"));
    m_othersLabel->setStyleSheet(QStringLiteral("color: #8a5a00;"));
    m_othersLabel->setVisible(false);
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("syncProgress"));
    m_progress->setMaximumWidth(160);
    m_progress->setMaximumHeight(16);
    m_progress->setVisible(false);
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("syncError"));
    m_error->setStyleSheet(QStringLiteral("color: #b71c1c;"));
    m_error->setMaximumWidth(420);
    m_error->setVisible(false);
    m_conflictButton = new QToolButton(this);
    m_conflictButton->setObjectName(QStringLiteral("conflictButton"));
    m_conflictButton->setIcon(Icons::conflict());
    m_conflictButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_conflictButton->setAutoRaise(true);
    m_conflictButton->setVisible(false);
    connect(m_conflictButton, &QToolButton::clicked, this, &SyncStatusWidget::conflictsRequested);
    m_signInButton = new QToolButton(this);
    m_signInButton->setObjectName(QStringLiteral("signInButton"));
    m_signInButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_signInButton->setVisible(false);
    connect(m_signInButton, &QToolButton::clicked, this, &SyncStatusWidget::signInRequested);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 0, 4, 0);
    layout->setSpacing(8);
    layout->addWidget(m_stateIcon);
    layout->addWidget(m_state);
    layout->addWidget(m_lastSync);
    layout->addWidget(m_pendingLabel);
    layout->addWidget(m_othersLabel);
    layout->addWidget(m_progress);
    layout->addWidget(m_error);
    layout->addWidget(m_conflictButton);
    layout->addWidget(m_signInButton);

    // Bursts of store changes (a pull of thousands of events) update the counts once.
    m_countDelay.setSingleShot(true);
    m_countDelay.setInterval(250);
    connect(&m_countDelay, &QTimer::timeout, this, &SyncStatusWidget::refreshCounts);
    connect(m_context->store(), &CaseStore::casesChanged, &m_countDelay, qOverload<>(&QTimer::start));
    connect(m_context, &ApplicationContext::offlineChanged, this, &SyncStatusWidget::updateState);
    connect(m_context, &ApplicationContext::currentUserChanged, this, &SyncStatusWidget::refreshCounts);
    connectSync();
    refreshCounts();
    retranslate();
}

void SyncStatusWidget::connectSync()
{
    SyncEngine *sync = m_context->sync();
    if (!sync)
        return;
    m_lastSyncTime = sync->lastSyncTime();
    connect(sync, &SyncEngine::stateChanged, this, [this](SyncEngine::State state) {
        m_syncing = state == SyncEngine::State::Syncing;
        if (m_syncing) {
            m_errorMessage.clear();
            m_progress->setRange(0, 0);  // busy until the first progress report
        }
        if (state == SyncEngine::State::Error)
            m_errorMessage = m_context->sync()->lastError();
        updateState();
    });
    connect(sync, &SyncEngine::progress, this, &SyncStatusWidget::setProgress);
    connect(sync, &SyncEngine::syncFinished, this, &SyncStatusWidget::setSyncFinished);
    connect(sync, &SyncEngine::conflictsChanged, this, &SyncStatusWidget::refreshCounts);
}

void SyncStatusWidget::refreshCounts()
{
    CaseStore *store = m_context->store();
    const User &user = m_context->currentUser();
    const bool open = store && store->isOpen();
    // Only this person's own actions are sent by their sync; the others' are counted apart.
    m_pending = open && !user.id.isEmpty() ? store->journal().pendingCount(user.id) : 0;
    m_waiting = open && !user.id.isEmpty() ? store->journal().waitingForOthers(user) : QList<SyncJournal::WaitingWork>();
    m_othersWaiting = 0;
    for (const SyncJournal::WaitingWork &w : std::as_const(m_waiting))
        m_othersWaiting += w.actions;
    m_conflicts = store && store->isOpen() ? store->journal().openConflictCount() : 0;
    updateState();
}

void SyncStatusWidget::setProgress(int pushed, int toPush, int pulled)
{
    m_syncing = true;
    if (toPush > 0) {
        m_progress->setRange(0, toPush);
        m_progress->setValue(qMin(pushed, toPush));
        m_progress->setFormat(tr("Sent %1/%2, received %3").arg(pushed).arg(toPush).arg(pulled));
    } else {
        m_progress->setRange(0, 0);
        m_progress->setFormat(tr("Received %1").arg(pulled));
    }
    m_progress->setToolTip(tr("Sent %1 of %2 actions, received %3 changes").arg(pushed).arg(toPush).arg(pulled));
    updateState();
}

void SyncStatusWidget::setSyncFinished(bool ok, const QString &message)
{
    m_syncing = false;
    if (ok) {
        m_errorMessage.clear();
        m_lastSyncTime = QDateTime::currentDateTimeUtc();
    } else {
        m_errorMessage = message.isEmpty() ? tr("Synchronisation failed.") : message;
    }
    refreshCounts();
}

QString SyncStatusWidget::othersWaitingDetail() const
{
    QStringList lines;
    for (const SyncJournal::WaitingWork &w : m_waiting) {
        lines << tr("%1: %n unsent action(s), sent when %1 signs in on this computer", nullptr, w.actions).arg(w.author);
        for (const QString &c : w.visibleCases)
            lines << QStringLiteral("    ") + c;
        if (w.hiddenCases > 0)
            lines << QStringLiteral("    ") + tr("and %n case(s) outside your area", nullptr, w.hiddenCases);
    }
    return lines.join(QLatin1Char('\n'));
}

QString SyncStatusWidget::stateText() const
{
    return m_state->text();
}

QString SyncStatusWidget::errorText() const
{
    return m_errorMessage;
}

void SyncStatusWidget::updateState()
{
    bool online = false;
    if (SyncEngine *sync = m_context->sync())
        online = !m_context->isWorkingOffline() && sync->isLoggedIn()
                 && sync->state() != SyncEngine::State::Offline;
    QIcon icon;
    if (m_syncing) {
        icon = Icons::sync();
        m_state->setText(tr("Syncing…"));
        m_state->setToolTip({});
    } else if (!m_errorMessage.isEmpty()) {
        icon = Icons::syncError();
        m_state->setText(online ? tr("Online, last sync failed") : tr("Offline"));
        m_state->setToolTip(m_errorMessage);
    } else if (online) {
        icon = Icons::online();
        m_state->setText(tr("Online"));
        m_state->setToolTip(tr("Connected to the district server"));
    } else {
        icon = Icons::offline();
        m_state->setText(tr("Offline"));
        m_state->setToolTip(tr("Working on this computer; actions are sent at the next sync"));
    }
    m_stateIcon->setPixmap(icon.pixmap(14, 14));
    m_lastSync->setText(m_lastSyncTime.isValid()
                            ? tr("Last sync %1").arg(m_lastSyncTime.toLocalTime().toString(QStringLiteral("MM-dd HH:mm")))
                            : tr("Never synced"));
    m_pendingLabel->setText(tr("%n action(s) waiting to be sent", nullptr, m_pending));
    m_pendingLabel->setStyleSheet(m_pending > 0 ? QStringLiteral("color: #e65100;") : QString());
    m_othersLabel->setVisible(m_othersWaiting > 0);
    m_othersLabel->setText(tr("%n action(s) of other users wait for their sign-in", nullptr, m_othersWaiting));
    m_othersLabel->setToolTip(othersWaitingDetail());
    m_progress->setVisible(m_syncing);
    m_error->setVisible(!m_errorMessage.isEmpty() && !m_syncing);
    m_error->setText(fontMetrics().elidedText(m_errorMessage, Qt::ElideRight, m_error->maximumWidth()));
    m_error->setToolTip(m_errorMessage);
    m_conflictButton->setVisible(m_conflicts > 0);
    m_conflictButton->setText(tr("%n conflict(s)", nullptr, m_conflicts));
    m_conflictButton->setToolTip(tr("Offline actions the server refused: open the conflict inbox"));
    m_signInButton->setVisible(offersSignIn());
    m_signInButton->setText(tr("Sign in to the server…"));
    m_signInButton->setToolTip(tr("Sign in again with your password; your unsent work is kept and sent afterwards"));
}

bool SyncStatusWidget::offersSignIn() const
{
    const SyncEngine *sync = m_context->sync();
    return sync && m_context->hasUser() && !sync->isLoggedIn() && !m_syncing;
}

void SyncStatusWidget::retranslate()
{
    updateState();
}

void SyncStatusWidget::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

} // namespace gw
