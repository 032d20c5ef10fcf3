#pragma once
#include "caserecord.h"
#include "protocol/citycasestate.h"
#include <QGroupBox>
#include <QPointer>
#include <QTimer>

class QLabel;
class QToolButton;

namespace gw {

class CityExchangeClient;

// The case detail's "City platform" box: for a case escalated to the city or assigned by it, the exchange state the
// district server reports (pending / sent / acknowledged / failed with the reason), the city's request id, attempts
// and the last attempt. Asked afresh whenever the case is shown and after each sync, and every few seconds while a
// message is on its way. Never shows old data as if it were live: offline it says the state is unknown.
class CityStateWidget : public QGroupBox
{
    Q_OBJECT
public:
    explicit CityStateWidget(CityExchangeClient *client, QWidget *parent = nullptr);

    // Shows the box for this case if it has (or may have) a city exchange, and asks the server.
    void showCase(const CaseRecord &record);
    void clear();
    void refresh();
    // How often the state is asked again while a message is pending or sent (default 15 s; 0 = never).
    void setPollInterval(int milliseconds);

    QString caseId() const { return m_caseId; }
    // The last state the server reported for the shown case; `configured` false until then.
    CityCaseState shownState() const { return m_state; }
    bool isStateKnown() const { return m_known; }

Q_SIGNALS:
    void stateShown(const QString &caseId);

protected:
    void changeEvent(QEvent *event) override;

private:
    void onReady(const QString &caseId, const CityCaseState &state);
    void onFailed(const QString &caseId, const QString &message, bool offline);
    void showUnknown(const QString &badge, const QString &note);
    void setBadge(const QString &text, const char *background, const char *foreground);
    void retranslate();
    bool mayInvolveCity() const;

    QPointer<CityExchangeClient> m_client;
    QString m_caseId;
    bool m_escalatedHere = false;   // the local record says escalated (known even offline)
    bool m_known = false;
    bool m_seenInvolved = false;    // the server said this case has a city exchange (escalated or assigned)
    bool m_requestInFlight = false;
    CityCaseState m_state;
    QTimer m_poll;
    int m_pollMs = 15000;

    QLabel *m_badge;
    QLabel *m_origin;
    QLabel *m_requestId;
    QLabel *m_attempts;
    QLabel *m_lastAttempt;
    QLabel *m_reason;
    QLabel *m_note;
    QToolButton *m_refresh;
    QList<QLabel *> m_captions;
    QWidget *m_details;
};

} // namespace gw
