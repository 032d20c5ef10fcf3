#pragma once
#include <QAbstractHttpServer>
#include <QHash>
#include <QHttpServerResponder>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QSet>
#include <memory>


// Loopback stand-in for the city grid platform: speaks docs/city-api.md, keeps what it receives in memory (and in a
// JSON dump when asked), de-duplicates by Idempotency-Key, and can be told to fail, hang or answer garbage.
// Test-only control endpoints live under /_test/ and are never subject to the injected faults.
class CityStubServer : public QAbstractHttpServer
{
    Q_OBJECT
public:
    struct Faults {
        int failNext = 0;          // answer the next N contract requests with failStatus
        int failStatus = 500;
        int hangNext = 0;          // never answer the next N
        int malformedNext = 0;     // answer the next N with 200 and broken JSON
        int delayMs = 0;           // answer every contract request this late
        bool afterStore = false;   // apply the fault after the request took effect (the answer is what gets lost)
        QString mismatchStatus;    // report this x_district_status for every request
        QJsonObject toJson() const;
    };

    explicit CityStubServer(QObject *parent = nullptr);
    void setApiKey(const QString &key) { m_apiKey = key; }
    void setDistrict(const QString &district) { m_district = district; }
    void setDumpFile(const QString &path) { m_dumpFile = path; }
    void setServiceCodes(const QStringList &codes) { m_serviceCodes = codes; }
    Faults &faults() { return m_faults; }

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    struct Answer {
        int status = 200;
        QByteArray body;
    };
    Answer handleContract(const QHttpServerRequest &request, const QString &path);
    Answer handleTest(const QHttpServerRequest &request, const QString &path);
    Answer createRequest(const QHttpServerRequest &request, const QString &key);
    Answer addUpdate(const QHttpServerRequest &request, const QString &id, const QString &key);
    Answer listRequests(const QHttpServerRequest &request);
    QJsonObject visible(const QJsonObject &stored) const;
    static Answer error(int status, const QString &description);
    static Answer json(int status, const QJsonValue &value);
    static QByteArray header(const QHttpServerRequest &request, const QByteArray &name);
    void respond(const QHttpServerRequest &request, QTcpSocket *socket, const Answer &answer, int delayMs);
    void dump() const;
    QString now() const;

    QString m_apiKey;
    QString m_district = QStringLiteral("district.panlong");
    QString m_dumpFile;
    QStringList m_serviceCodes;
    Faults m_faults;
    QList<QJsonObject> m_requests;              // in creation order
    QHash<QString, int> m_index;                // service_request_id → position
    QHash<QString, Answer> m_idempotent;        // Idempotency-Key → first answer
    QJsonArray m_updates;
    int m_posts = 0;                            // every POST attempt, duplicates included
    int m_duplicates = 0;
    int m_nextId = 1;
    std::vector<std::unique_ptr<QHttpServerResponder>> m_hung;  // answers never given
};
