// PasswordPolicy (issue 17): what a person may choose as their new password, for the form and the server alike.
#include "passwordpolicy.h"
#include <QTest>

using namespace gw;

class TestPasswordPolicy : public QObject
{
    Q_OBJECT
private slots:
    void rules()
    {
        QVERIFY(PasswordPolicy::checkNew(QStringLiteral("tuodong"), QStringLiteral("old-password"), QStringLiteral("Tuodong-2027")).ok);
        QCOMPARE(PasswordPolicy::checkNew("tuodong", "old-password", "short7!").code, QStringLiteral("invalid_input"));
        QVERIFY(PasswordPolicy::checkNew("tuodong", "old-password", QString(8, 'a')).ok);
        QVERIFY(!PasswordPolicy::checkNew("tuodong", "old-password", QString(257, 'a')).ok);
        QVERIFY(!PasswordPolicy::checkNew("tuodong", "old-password", "TUODONG").ok);  // too short anyway
        QVERIFY(!PasswordPolicy::checkNew("grid.worker", "old-password", "Grid.Worker").ok);  // the login id
        QVERIFY(!PasswordPolicy::checkNew("tuodong", "old-password", QLatin1String(PasswordPolicy::DemoPassword)).ok);
        QVERIFY(!PasswordPolicy::checkNew("tuodong", "same-password", "same-password").ok);
        QVERIFY(PasswordPolicy::checkNew("tuodong", "old", "x").message.english().contains(QStringLiteral("8 to 256")));
    }
};

QTEST_GUILESS_MAIN(TestPasswordPolicy)
#include "tst_passwordpolicy.moc"
