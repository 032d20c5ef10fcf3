#pragma once
#include <QByteArray>
#include <QString>

namespace gw {

// Salted PBKDF2-SHA256 password hashes. The iteration count is stored with each hash, so raising the
// default later does not lock anybody out.
class PasswordHasher
{
public:
    struct Hash {
        QByteArray hashHex;
        QByteArray saltHex;
        int iterations = 0;
    };
    static constexpr int DefaultIterations = 120000;

    static Hash make(const QString &password, int iterations);
    static bool matches(const QString &password, const Hash &stored);
    // A random password for generated accounts: 20 characters, unambiguous letters and digits.
    static QString randomPassword();
    // Random bytes from the system generator, as URL-safe base64 (for bearer tokens).
    static QString randomToken(int bytes = 32);
};

} // namespace gw
