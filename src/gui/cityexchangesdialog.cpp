#include "cityexchangesdialog.h"
#include "casestore.h"
#include "formvalidation.h"
#include <QCheckBox>
#include <QEvent>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace gw {

namespace {
QTableWidget *makeTable(QWidget *parent, const char *objectName, int columns)
{
    auto *t = new QTableWidget(0, columns, parent);
    t->setObjectName(QLatin1String(objectName));
    t->verticalHeader()->setVisible(false);
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    t->setSelectionMode(QAbstractItemView::SingleSelection);
    t->setWordWrap(false);
    t->setAlternatingRowColors(true);
    t->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    t->horizontalHeader()->setHighlightSections(false);
    return t;
}
}

CityExchangesDialog::CityExchangesDialog(CityExchangeClient *client, CaseStore *store, QWidget *parent)
    : QDialog(parent), m_client(client), m_store(store)
{
    setObjectName(QStringLiteral("cityExchangesDialog"));
    auto *layout = new QVBoxLayout(this);

    m_intro = new QLabel(this);
    m_intro->setWordWrap(true);
    layout->addWidget(m_intro);
    m_mappingGaps = new QLabel(this);
    m_mappingGaps->setObjectName(QStringLiteral("mappingGaps"));
    m_mappingGaps->setWordWrap(true);
    m_mappingGaps->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_mappingGaps->setVisible(false);
    layout->addWidget(m_mappingGaps);

    auto *filterRow = new QHBoxLayout;
    m_failedOnly = new QCheckBox(this);
    m_failedOnly->setObjectName(QStringLiteral("failedOnlyCheck"));
    connect(m_failedOnly, &QCheckBox::toggled, this, &CityExchangesDialog::reload);
    m_reload = new QPushButton(this);
    m_reload->setObjectName(QStringLiteral("reloadButton"));
    connect(m_reload, &QPushButton::clicked, this, &CityExchangesDialog::reload);
    filterRow->addWidget(m_failedOnly);
    filterRow->addStretch(1);
    filterRow->addWidget(m_reload);
    layout->addLayout(filterRow);

    m_table = makeTable(this, "exchangesTable", ColumnCount);
    m_table->horizontalHeader()->setSectionResizeMode(ErrorColumn, QHeaderView::Stretch);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &CityExchangesDialog::updateButtons);
    layout->addWidget(m_table, 2);
    m_empty = new QLabel(this);
    m_empty->setObjectName(QStringLiteral("emptyLabel"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setStyleSheet(QStringLiteral("color: palette(dark); padding: 8px;"));
    m_empty->setVisible(false);
    layout->addWidget(m_empty);

    auto *buttons = new QHBoxLayout;
    m_retry = new QPushButton(this);
    m_retry->setObjectName(QStringLiteral("retryButton"));
    m_pull = new QPushButton(this);
    m_pull->setObjectName(QStringLiteral("pullButton"));
    m_reconcile = new QPushButton(this);
    m_reconcile->setObjectName(QStringLiteral("reconcileButton"));
    m_close = new QPushButton(this);
    m_close->setObjectName(QStringLiteral("closeButton"));
    connect(m_retry, &QPushButton::clicked, this, &CityExchangesDialog::retrySelected);
    connect(m_pull, &QPushButton::clicked, this, &CityExchangesDialog::pullNow);
    connect(m_reconcile, &QPushButton::clicked, this, &CityExchangesDialog::reconcile);
    connect(m_close, &QPushButton::clicked, this, &QDialog::accept);
    buttons->addWidget(m_retry);
    buttons->addWidget(m_pull);
    buttons->addWidget(m_reconcile);
    buttons->addStretch(1);
    buttons->addWidget(m_close);
    layout->addLayout(buttons);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("statusLabel"));
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_status);

    m_mismatchBox = new QGroupBox(this);
    m_mismatchBox->setObjectName(QStringLiteral("mismatchBox"));
    auto *mismatchLayout = new QVBoxLayout(m_mismatchBox);
    m_mismatchSummary = new QLabel(m_mismatchBox);
    m_mismatchSummary->setObjectName(QStringLiteral("mismatchSummaryLabel"));
    m_mismatchSummary->setWordWrap(true);
    mismatchLayout->addWidget(m_mismatchSummary);
    m_mismatches = makeTable(m_mismatchBox, "mismatchTable", MismatchColumnCount);
    m_mismatches->horizontalHeader()->setSectionResizeMode(MismatchNote, QHeaderView::Stretch);
    mismatchLayout->addWidget(m_mismatches);
    m_mismatchBox->setVisible(false);
    layout->addWidget(m_mismatchBox, 1);

    if (m_client) {
        connect(m_client, &CityExchangeClient::exchangesListed, this, &CityExchangesDialog::onListed);
        connect(m_client, &CityExchangeClient::mappingGapsListed, this, [this](const QStringList &gaps) {
            m_mappingGaps->setText(gaps.join(u'\n'));
            m_mappingGaps->setVisible(!gaps.isEmpty());
        });
        connect(m_client, &CityExchangeClient::reconciled, this, &CityExchangesDialog::onReconciled);
        connect(m_client, &CityExchangeClient::failed, this, &CityExchangesDialog::onFailed);
        connect(m_client, &CityExchangeClient::busyChanged, this, &CityExchangesDialog::updateButtons);
        connect(m_client, &CityExchangeClient::retryQueued, this, [this](const QString &) {
            showStatus(tr("The message is queued again; the district server sends it to the city now."), false);
            reload();
            // The server sends it in the background: look again once it had time to get an answer.
            QTimer::singleShot(2000, this, &CityExchangesDialog::reload);
        });
        connect(m_client, &CityExchangeClient::pullFinished, this, [this](int received, int rejected, const QString &) {
            showStatus(tr("Pulled from the city: %n new case(s) received", nullptr, received) + QStringLiteral("; ")
                           + tr("%n refused by the district (listed above).", nullptr, rejected),
                       false);
            reload();
        });
    }
    retranslate();
    updateButtons();
    resize(1100, 640);
    reload();
}

QString CityExchangesDialog::statusText() const { return m_status->text(); }

void CityExchangesDialog::reload()
{
    if (!m_client) {
        showStatus(tr("This client has no connection to a district server."), true);
        return;
    }
    m_client->listExchanges(m_failedOnly->isChecked() ? CityExchangeClient::Filter::FailedOnly
                                                      : CityExchangeClient::Filter::AllTroubled);
    updateButtons();
}

QString CityExchangesDialog::caseLabel(const QString &caseId, const QString &number, const QString &title) const
{
    if (caseId.isEmpty())
        return {};
    if (m_store) {
        if (const std::optional<CaseRecord> r = m_store->caseById(caseId))
            return r->number.isEmpty() ? r->title : tr("%1 — %2").arg(r->number, r->title);
    }
    if (!number.isEmpty() || !title.isEmpty())
        return number.isEmpty() ? title : tr("%1 — %2").arg(number, title);
    // Not synced to this computer yet: the id is still enough to find it.
    return tr("case %1").arg(caseId.left(8));
}

void CityExchangesDialog::onListed(const QList<CityExchange> &records, CityExchangeClient::Filter filter)
{
    const bool failedOnly = filter == CityExchangeClient::Filter::FailedOnly;
    if (failedOnly != m_failedOnly->isChecked())
        return;  // an answer to a request made before the filter changed
    QString selectedId;
    if (const CityExchange *r = selectedRecord())
        selectedId = r->id;
    m_records = records;
    m_table->setRowCount(0);
    for (const CityExchange &r : records) {
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        auto cell = [&](int column, const QString &text) {
            auto *item = new QTableWidgetItem(text);
            item->setToolTip(text);
            m_table->setItem(row, column, item);
            return item;
        };
        QTableWidgetItem *caseItem = cell(CaseColumn, r.direction == CityExchange::Direction::Down
                                                          ? tr("city request %1").arg(r.cityRequestId)
                                                          : caseLabel(r.caseId, r.caseNumber(), r.caseTitle()));
        caseItem->setData(Qt::UserRole, r.id);
        caseItem->setData(Qt::UserRole + 1, r.caseId);
        cell(DirectionColumn, CityExchange::directionDisplayName(r.direction));
        cell(KindColumn, CityExchange::kindDisplayName(r.kind));
        QTableWidgetItem *state = cell(StateColumn, CityExchange::stateDisplayName(r.state));
        if (r.state == CityExchange::State::Failed || r.state == CityExchange::State::Rejected)
            state->setForeground(QColor(0xa61b1b));
        else if (r.state == CityExchange::State::Pending)
            state->setForeground(QColor(0x7a4d00));
        cell(AttemptsColumn, r.direction == CityExchange::Direction::Down ? QString() : QString::number(r.attempts));
        QString error = r.lastError;
        if (r.httpStatus > 0 && !error.contains(QStringLiteral("HTTP %1").arg(r.httpStatus)))
            error = tr("HTTP %1: %2").arg(r.httpStatus).arg(error);
        cell(ErrorColumn, error);
        cell(LastAttemptColumn, FormValidation::displayTime(r.updatedAt));
        cell(NextAttemptColumn, r.state == CityExchange::State::Pending ? FormValidation::displayTime(r.nextAttemptAt)
                                                                            : QString());
    }
    m_table->setVisible(!records.isEmpty());
    m_empty->setVisible(records.isEmpty());
    m_empty->setText(failedOnly ? tr("No failed exchanges with the city.")
                                : tr("No exchanges with the city need attention."));
    if (!selectedId.isEmpty())
        selectExchange(selectedId);
    updateButtons();
    Q_EMIT listShown();
}

bool CityExchangesDialog::selectExchange(const QString &exchangeId)
{
    for (int row = 0; row < m_table->rowCount(); ++row) {
        if (m_table->item(row, CaseColumn)->data(Qt::UserRole).toString() == exchangeId && !exchangeId.isEmpty()) {
            m_table->selectRow(row);
            return true;
        }
    }
    return false;
}

const CityExchange *CityExchangesDialog::selectedRecord() const
{
    const QList<QTableWidgetItem *> items = m_table->selectedItems();
    if (items.isEmpty())
        return nullptr;
    const int row = items.first()->row();
    return row >= 0 && row < m_records.size() ? &m_records.at(row) : nullptr;
}

void CityExchangesDialog::retrySelected()
{
    const CityExchange *r = selectedRecord();
    if (!r || !r->canRetry()) {
        showStatus(tr("Choose a message to the city in the list first (refused city cases cannot be sent again)."), true);
        return;
    }
    if (m_client)
        m_client->retry(r->id);
}

void CityExchangesDialog::pullNow()
{
    if (!m_client)
        return;
    showStatus(tr("Asking the city for cases assigned to the district…"), false);
    m_client->pullNow();
}

void CityExchangesDialog::reconcile()
{
    if (!m_client)
        return;
    showStatus(tr("Comparing the district's cases with the city platform…"), false);
    m_client->reconcile();
}

void CityExchangesDialog::onReconciled(const QList<CityMismatch> &mismatches, const QString &)
{
    m_mismatches->setRowCount(0);
    for (const CityMismatch &m : mismatches) {
        const int row = m_mismatches->rowCount();
        m_mismatches->insertRow(row);
        auto cell = [&](int column, const QString &text) {
            auto *item = new QTableWidgetItem(text);
            item->setToolTip(text);
            m_mismatches->setItem(row, column, item);
            return item;
        };
        cell(MismatchCase, m.caseId.isEmpty() ? QStringLiteral("—") : caseLabel(m.caseId))->setData(Qt::UserRole, m.caseId);
        cell(MismatchCityRequest, m.cityRequestId);
        cell(MismatchKind, CityMismatch::kindDisplayName(m.kind))->setData(Qt::UserRole, int(m.kind));
        cell(MismatchOurs, m.ours);
        cell(MismatchTheirs, m.theirs);
        cell(MismatchNote, m.outboxPending ? tr("%1 (an update is still on its way; this may resolve itself)").arg(m.reason.text())
                                           : m.reason.text());
    }
    m_mismatchSummary->setText(mismatches.isEmpty()
                                   ? tr("Both sides agree: no differences found.")
                                   : tr("%n difference(s) between the district and the city platform:", nullptr,
                                        int(mismatches.size())));
    m_mismatches->setVisible(!mismatches.isEmpty());
    m_mismatchBox->setVisible(true);
    showStatus(tr("Reconciliation finished at %1.").arg(FormValidation::displayTime(QDateTime::currentDateTimeUtc())),
               false);
}

void CityExchangesDialog::onFailed(CityExchangeClient::Operation, const QString &message)
{
    showStatus(message, true);
    updateButtons();
}

void CityExchangesDialog::showStatus(const QString &text, bool isError)
{
    m_status->setText(text);
    m_status->setStyleSheet(isError ? QStringLiteral("color: #a61b1b; font-weight: bold;") : QString());
}

void CityExchangesDialog::updateButtons()
{
    const bool connected = m_client != nullptr;
    const CityExchange *r = selectedRecord();
    m_retry->setEnabled(connected && r && r->canRetry() && !m_client->isBusy(CityExchangeClient::Operation::Retry));
    m_pull->setEnabled(connected && !m_client->isBusy(CityExchangeClient::Operation::Pull));
    m_reconcile->setEnabled(connected && !m_client->isBusy(CityExchangeClient::Operation::Reconcile));
    m_reload->setEnabled(connected);
}

void CityExchangesDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

void CityExchangesDialog::retranslate()
{
    setWindowTitle(tr("City exchange (市级平台对接)"));
    m_intro->setText(tr("Exchanges with the city platform that need attention: messages the city refused or that are "
                        "still being retried after a failed attempt, and city cases the district refused to take in. "
                        "Acknowledged exchanges are not listed."));
    m_failedOnly->setText(tr("Failed only"));
    m_reload->setText(tr("Refresh"));
    m_retry->setText(tr("Retry selected"));
    m_pull->setText(tr("Pull city cases now"));
    m_reconcile->setText(tr("Reconcile"));
    m_close->setText(tr("Close"));
    m_mismatchBox->setTitle(tr("Reconciliation"));
    m_table->setHorizontalHeaderLabels({tr("Case"), tr("Direction"), tr("Kind"), tr("State"), tr("Attempts"),
                                        tr("Last error"), tr("Last attempt"), tr("Next attempt")});
    m_mismatches->setHorizontalHeaderLabels({tr("Case"), tr("City request"), tr("Difference"), tr("District"),
                                             tr("City"), tr("Details")});
}

} // namespace gw
