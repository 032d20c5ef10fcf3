// What makes an account well-formed (AccountRules), as the server and the account form both check it: the field
// at fault is named so the form can mark it.
#include "accesspolicy.h"
#include "accountrules.h"
#include "orgdirectory.h"
#include <QJsonArray>
#include <QtTest>

using namespace gw;

class TstAccountRules : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void check_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("role");
        QTest::addColumn<QString>("unit");
        QTest::addColumn<QString>("field");  // empty: accepted
        QTest::newRow("street operator in a street") << "gulou.op" << "鼓楼值班" << int(Role::StreetOperator) << "street.gulou" << "";
        QTest::newRow("reporter in a community") << "r1" << "网格员" << int(Role::CommunityReporter) << "community.tuodong.1" << "";
        QTest::newRow("handler in a department") << "h1" << "处置" << int(Role::DepartmentHandler) << "dept.chengguan" << "";
        QTest::newRow("supervisor in the center") << "s1" << "督查" << int(Role::Supervisor) << "center.district" << "";
        QTest::newRow("street operator in a department") << "x" << "x" << int(Role::StreetOperator) << "dept.chengguan" << "orgUnit";
        QTest::newRow("handler in a street") << "x" << "x" << int(Role::DepartmentHandler) << "street.gulou" << "orgUnit";
        QTest::newRow("admin in a community") << "x" << "x" << int(Role::Administrator) << "community.tuodong.1" << "orgUnit";
        QTest::newRow("unknown unit") << "x" << "x" << int(Role::Supervisor) << "street.atlantis" << "orgUnit";
        QTest::newRow("space in id") << "a b" << "x" << int(Role::Supervisor) << "center.district" << "id";
        QTest::newRow("empty id") << "" << "x" << int(Role::Supervisor) << "center.district" << "id";
        QTest::newRow("id too long") << QString(65, 'a') << "x" << int(Role::Supervisor) << "center.district" << "id";
        QTest::newRow("reserved id") << "system" << "x" << int(Role::Supervisor) << "center.district" << "id";
        QTest::newRow("blank name") << "a" << "  " << int(Role::Supervisor) << "center.district" << "name";
        QTest::newRow("control character") << "a" << "a\tb" << int(Role::Supervisor) << "center.district" << "name";
        QTest::newRow("name too long") << "a" << QString(65, u'名') << int(Role::Supervisor) << "center.district" << "name";
    }

    void check()
    {
        QFETCH(QString, id);
        QFETCH(QString, name);
        QFETCH(int, role);
        QFETCH(QString, unit);
        QFETCH(QString, field);
        const Result r = AccountRules::check(User::make(id, Role(role), unit, name.isEmpty() ? id : name), OrgDirectory::builtin());
        QCOMPARE(r.ok, field.isEmpty());
        QCOMPARE(r.field, field);
        if (!r.ok) {
            QCOMPARE(r.code, QStringLiteral("invalid_input"));
            QVERIFY(!r.message.text().isEmpty());
        }
    }

    // Issue 16: grants beyond the role are known names, each at most once; they travel with the account.
    void grants()
    {
        User u = User::make(QStringLiteral("kh"), Role::Supervisor, QStringLiteral("center.district"), QStringLiteral("考核科"));
        u.grants = {User::AssessmentAdministrator};
        QVERIFY(AccountRules::check(u, OrgDirectory::builtin()).ok);
        User back;
        Message why;
        QVERIFY(User::fromJson(u.toJson(), &back, &why));
        QCOMPARE(back.grants, u.grants);
        QVERIFY(AccessPolicy::canManageIndicators(back));
        back.active = false;
        QVERIFY(!AccessPolicy::canManageIndicators(back));  // a disabled account holds no rights
        QVERIFY(!AccessPolicy::canManageIndicators(User::make(QStringLiteral("admin"), Role::Administrator, QStringLiteral("center.district"))));
        u.grants = {QStringLiteral("superuser")};
        QCOMPARE(AccountRules::check(u, OrgDirectory::builtin()).field, QStringLiteral("grants"));
        u.grants = {User::AssessmentAdministrator, User::AssessmentAdministrator};
        QCOMPARE(AccountRules::check(u, OrgDirectory::builtin()).field, QStringLiteral("grants"));
        // A grant a newer server gives is kept when read (the person still signs in); the server refuses to give
        // one it does not know.
        QJsonObject json = User::make(QStringLiteral("x"), Role::Supervisor, QStringLiteral("center.district")).toJson();
        json.insert(QStringLiteral("grants"), QJsonArray{QStringLiteral("superuser")});
        QVERIFY(User::fromJson(json, &back, &why));
        QCOMPARE(back.grants, QStringList{QStringLiteral("superuser")});
        QVERIFY(!AccessPolicy::canManageIndicators(back));
        QCOMPARE(AccountRules::check(back, OrgDirectory::builtin()).field, QStringLiteral("grants"));
    }

    void mismatchNamesTheKindOfUnit()
    {
        const Result r = AccountRules::check(User::make("x", Role::StreetOperator, "dept.chengguan", "x"), OrgDirectory::builtin());
        QVERIFY2(r.message.text().contains("must belong to a street office"), qPrintable(r.message.text()));
    }
};

QTEST_GUILESS_MAIN(TstAccountRules)
#include "tst_accountrules.moc"
