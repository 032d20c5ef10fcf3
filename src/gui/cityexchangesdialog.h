#pragma once
#include "cityexchangeclient.h"
#include <QDialog>
#include <QPointer>

class QCheckBox;
class QGroupBox;
class QLabel;
class QPushButton;
class QTableWidget;

namespace gw {

class CaseStore;

// The administrator's view of the city exchange: exchanges in trouble (messages the city refused, ones still
// retrying after a failed attempt, city cases the district refused) with case, direction, kind, state, attempts,
// the last error and times; "failed only"; Retry for the selected message; Pull city cases now; Reconcile, which
// lists the differences between both sides. Everything goes through CityExchangeClient; errors are shown in words.
class CityExchangesDialog : public QDialog
{
    Q_OBJECT
public:
    // `store` (may be null) names the cases: number and title when the case is in the local store.
    CityExchangesDialog(CityExchangeClient *client, CaseStore *store, QWidget *parent = nullptr);

    enum Column { CaseColumn, DirectionColumn, KindColumn, StateColumn, AttemptsColumn, ErrorColumn,
                  LastAttemptColumn, NextAttemptColumn, ColumnCount };
    enum MismatchColumn { MismatchCase, MismatchCityRequest, MismatchKind, MismatchOurs, MismatchTheirs,
                          MismatchNote, MismatchColumnCount };

    QTableWidget *exchangesTable() const { return m_table; }
    QTableWidget *mismatchTable() const { return m_mismatches; }
    QList<CityExchange> shownRecords() const { return m_records; }
    QString statusText() const;
    // Selects the row of the message with this id; false when it is not listed.
    bool selectExchange(const QString &exchangeId);

public Q_SLOTS:
    void reload();
    void retrySelected();
    void pullNow();
    void reconcile();

Q_SIGNALS:
    void listShown();

protected:
    void changeEvent(QEvent *event) override;

private:
    void onListed(const QList<CityExchange> &records, CityExchangeClient::Filter filter);
    void onReconciled(const QList<CityMismatch> &mismatches, const QString &message);
    void onFailed(CityExchangeClient::Operation operation, const QString &message);
    void showStatus(const QString &text, bool isError);
    void updateButtons();
    void retranslate();
    QString caseLabel(const QString &caseId, const QString &number = {}, const QString &title = {}) const;
    const CityExchange *selectedRecord() const;

    QPointer<CityExchangeClient> m_client;
    CaseStore *m_store;
    QList<CityExchange> m_records;

    QLabel *m_intro;
    QCheckBox *m_failedOnly;
    QPushButton *m_reload;
    QTableWidget *m_table;
    QLabel *m_empty;
    QLabel *m_mappingGaps;  // what the city mapping does not cover (new categories or streets), in red
    QPushButton *m_retry;
    QPushButton *m_pull;
    QPushButton *m_reconcile;
    QPushButton *m_close;
    QLabel *m_status;
    QGroupBox *m_mismatchBox;
    QLabel *m_mismatchSummary;
    QTableWidget *m_mismatches;
};

} // namespace gw
