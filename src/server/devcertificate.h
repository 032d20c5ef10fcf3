#pragma once
#include "result.h"
#include <QString>

namespace gw {

// A self-signed development certificate for a server started without one. Made once with the openssl
// command line and kept in the data dir; clients trust it by using the certificate file as their CA file.
class DevCertificate
{
public:
    // Creates DIR/dev-cert.pem and DIR/dev-key.pem unless they exist; sets the paths.
    static Result ensure(const QString &dataDir, QString *certFile, QString *keyFile);
};

} // namespace gw
