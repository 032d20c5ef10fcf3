#include "faultproxy.h"
#include <QElapsedTimer>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>
#include <memory>
#include <utility>

namespace gw::test {

struct FaultProxy::Link {
    QPointer<QTcpSocket> client;
    QPointer<QTcpSocket> server;
    QByteArray toServer;     // what the client sent before the server connection was up
    qint64 fromServer = 0;   // bytes the server sent on this connection
    int cutAfter = -1;
    int delayMs = 0;
    int clientChunks = 0;    // reads from the client: its hello, then its handshake finish and requests
    bool countedDelay = false;
    QList<QByteArray> held;  // server bytes waiting for their delay, in order

    void close()
    {
        if (client)
            client->abort();
        if (server)
            server->abort();
    }
};

FaultProxy::FaultProxy(QObject *parent) : QObject(parent)
{
    connect(&m_listener, &QTcpServer::newConnection, this, &FaultProxy::accept);
}

FaultProxy::~FaultProxy() { m_listener.close(); }

bool FaultProxy::listen(quint16 serverPort)
{
    m_serverPort = serverPort;
    return m_listener.listen(QHostAddress::LocalHost, 0);
}

void FaultProxy::passThrough()
{
    m_cuts.clear();
    m_delayConnections = 0;
}

void FaultProxy::cutConnections(const QList<int> &afterServerBytes)
{
    passThrough();
    m_cuts = afterServerBytes;
}

void FaultProxy::delayConnections(int connections, int delayMs)
{
    passThrough();
    m_delayConnections = connections;
    m_delayMs = delayMs;
}

void FaultProxy::accept()
{
    while (QTcpSocket *incoming = m_listener.nextPendingConnection()) {
        ++m_connections;
        auto link = std::make_shared<Link>();
        link->client = incoming;
        link->server = new QTcpSocket(incoming);  // goes away with the client side
        if (!m_cuts.isEmpty())
            link->cutAfter = m_cuts.takeFirst();
        else if (m_delayConnections > 0) {
            --m_delayConnections;
            link->delayMs = m_delayMs;
        }
        connect(incoming, &QTcpSocket::readyRead, this, [link]() {
            if (!link->client || !link->server)
                return;
            const QByteArray bytes = link->client->readAll();
            ++link->clientChunks;
            if (link->server->state() == QAbstractSocket::ConnectedState)
                link->server->write(bytes);
            else
                link->toServer += bytes;
        });
        connect(incoming, &QTcpSocket::disconnected, this, [this, link]() {
            m_heldChunks -= int(link->held.size());
            link->held.clear();
            if (link->server)
                link->server->disconnectFromHost();
            if (link->client)
                link->client->deleteLater();
        });
        connect(link->server, &QTcpSocket::connected, this, [link]() {
            if (link->server && !link->toServer.isEmpty())
                link->server->write(std::exchange(link->toServer, {}));
        });
        connect(link->server, &QTcpSocket::disconnected, this, [link]() {
            // Hand over what is still held back first, then close like the server did.
            if (link->client && link->held.isEmpty())
                link->client->disconnectFromHost();
        });
        connect(link->server, &QTcpSocket::errorOccurred, this, [link](QAbstractSocket::SocketError error) {
            if (error != QAbstractSocket::RemoteHostClosedError)
                link->close();
        });
        connect(link->server, &QTcpSocket::readyRead, this, [this, link]() {
            if (!link->client || !link->server)
                return;
            QByteArray bytes = link->server->readAll();
            if (link->cutAfter >= 0 && link->fromServer + bytes.size() >= link->cutAfter) {
                // The dropped connection: part of the answer went out, then the line goes dead.
                link->client->write(bytes.left(int(link->cutAfter - link->fromServer)));
                link->client->flush();
                link->fromServer = link->cutAfter;
                link->cutAfter = -1;
                ++m_cutsDone;
                link->close();
                return;
            }
            link->fromServer += bytes.size();
            // The handshake goes through at once; what comes after the client's second flight (its requests)
            // is the slow answer.
            if (link->delayMs <= 0 || link->clientChunks < 2) {
                link->client->write(bytes);
                return;
            }
            if (!link->countedDelay) {
                link->countedDelay = true;
                ++m_delayed;
            }
            link->held.append(bytes);
            ++m_heldChunks;
            QTimer::singleShot(link->delayMs, this, [this, link]() {
                if (link->held.isEmpty())
                    return;  // the client gave up meanwhile
                --m_heldChunks;
                const QByteArray due = link->held.takeFirst();
                if (link->client)
                    link->client->write(due);
                if (link->held.isEmpty() && link->client && (!link->server || link->server->state() != QAbstractSocket::ConnectedState))
                    link->client->disconnectFromHost();
            });
        });
        link->server->connectToHost(QHostAddress::LocalHost, m_serverPort);
    }
}

} // namespace gw::test
