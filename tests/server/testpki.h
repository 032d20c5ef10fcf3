#pragma once
#include <QString>

namespace gw::test {

// A throwaway PKI for one test run, made with the openssl command line: a test CA, a server certificate
// for 127.0.0.1 signed by it, and an unrelated CA that must not be trusted.
struct TestPki {
    QString caFile;
    QString certFile;
    QString keyFile;
    QString otherCaFile;

    // Returns an empty string on success, else what went wrong.
    QString generate(const QString &dir);

    // Server certificates a client must refuse (made by generateRefusable, after generate): signed by the
    // unrelated CA, expired yesterday, and issued for another host name. The key file serves all three.
    QString foreignSignedCertFile;
    QString expiredCertFile;
    QString wrongHostCertFile;
    QString refusableKeyFile;
    QString generateRefusable(const QString &dir);
};

} // namespace gw::test
