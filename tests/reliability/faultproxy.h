#pragma once
#include <QList>
#include <QObject>
#include <QTcpServer>

namespace gw::test {

// A loopback TCP proxy in front of the real server that misbehaves on purpose. It forwards raw bytes (TLS stays
// end to end between client and server) and applies a fault to the next new connections:
//  - cut: the connection is dropped after the given number of bytes from the server (mid-response);
//  - delay: after the TLS handshake, every byte from the server is held back for the given time (a slow server).
// Connections after the planned faulty ones pass through unchanged, so a client that retries gets through.
class FaultProxy : public QObject
{
    Q_OBJECT
public:
    explicit FaultProxy(QObject *parent = nullptr);
    ~FaultProxy() override;

    bool listen(quint16 serverPort);  // on 127.0.0.1, a free port
    quint16 port() const { return m_listener.serverPort(); }

    void passThrough();
    void cutConnections(const QList<int> &afterServerBytes);    // one entry per coming connection
    void delayConnections(int connections, int delayMs);

    int connections() const { return m_connections; }         // accepted so far
    int cutsDone() const { return m_cutsDone; }               // connections really dropped mid-stream
    int delayedConnections() const { return m_delayed; }      // connections whose answer was held back
    bool isHoldingAnswer() const { return m_heldChunks > 0; } // a client is waiting for a held-back answer

private:
    struct Link;
    void accept();

    QTcpServer m_listener;
    quint16 m_serverPort = 0;
    QList<int> m_cuts;
    int m_delayConnections = 0;
    int m_delayMs = 0;
    int m_connections = 0;
    int m_cutsDone = 0;
    int m_delayed = 0;
    int m_heldChunks = 0;
};

} // namespace gw::test
