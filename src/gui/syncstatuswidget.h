#pragma once
#include "syncjournal.h"
#include <QDateTime>
#include <QTimer>
#include <QWidget>

class QLabel;
class QProgressBar;
class QToolButton;

namespace gw {

class ApplicationContext;

// Status-bar strip: online/offline, last sync, actions waiting to be sent, a progress bar while syncing,
// the last error in words and a button to the conflict inbox when the server refused something.
class SyncStatusWidget : public QWidget
{
    Q_OBJECT
public:
    explicit SyncStatusWidget(ApplicationContext *context, QWidget *parent = nullptr);

    QString stateText() const;
    QString errorText() const;
    int pendingCount() const { return m_pending; }
    int conflictCount() const { return m_conflicts; }
    // Unsent actions of other people who used this computer: they wait for their authors' sign-in (issue 17).
    int othersWaitingCount() const { return m_othersWaiting; }
    QString othersWaitingDetail() const;
    bool isSyncing() const { return m_syncing; }
    bool offersSignIn() const;

public Q_SLOTS:
    // Re-reads counts from the store (cheap: two COUNT queries).
    void refreshCounts();
    void setProgress(int pushed, int toPush, int pulled);
    void setSyncFinished(bool ok, const QString &message);

Q_SIGNALS:
    void conflictsRequested();
    void syncRequested();
    // The person works without a session (started offline, or the server ended it): "Sign in…" was clicked.
    void signInRequested();

protected:
    void changeEvent(QEvent *event) override;

private:
    void connectSync();
    void updateState();
    void retranslate();

    ApplicationContext *m_context;
    QLabel *m_stateIcon;
    QLabel *m_state;
    QLabel *m_lastSync;
    QLabel *m_pendingLabel;
    QLabel *m_othersLabel;
    QProgressBar *m_progress;
    QLabel *m_error;
    QToolButton *m_conflictButton;
    QToolButton *m_signInButton;
    QTimer m_countDelay;
    QDateTime m_lastSyncTime;
    QString m_errorMessage;
    int m_pending = 0;
    int m_conflicts = 0;
    int m_othersWaiting = 0;
    QList<SyncJournal::WaitingWork> m_waiting;
    bool m_syncing = false;
};

} // namespace gw
