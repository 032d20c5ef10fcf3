#pragma once
// Shared by the form tests (tst_caseregistration, tst_casedetail, tst_workflow_gui, tst_screenshots_forms,
// tests/security/tst_formbadinput): the demo cast of users and small drivers that click and type in the real widgets.
#include "caseactiondialog.h"
#include "casedetailwidget.h"
#include "casedraft.h"
#include "caseregistrationdialog.h"
#include "casestore.h"
#include "eventbuilder.h"
#include "../support/settledoutbox.h"
#include "phrasecombo.h"
#include <QAbstractButton>
#include <QApplication>
#include <QInputMethodEvent>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

namespace gwtest {

inline gw::User user(const QString &id, const QString &name, gw::Role role, const QString &unit)
{
    gw::User u;
    u.id = id;
    u.name = name;
    u.role = role;
    u.orgUnitId = unit;
    return u;
}
inline gw::User reporter() { return user("grid.zhang", QStringLiteral("张网格"), gw::Role::CommunityReporter, "community.tuodong.1"); }
inline gw::User streetOperator() { return user("street.li", QStringLiteral("李街道"), gw::Role::StreetOperator, "street.tuodong"); }
inline gw::User reviewer() { return user("center.wang", QStringLiteral("王审核"), gw::Role::CenterReviewer, "center.district"); }
inline gw::User dispatcher() { return user("center.zhao", QStringLiteral("赵调度"), gw::Role::CenterDispatcher, "center.district"); }
inline gw::User chengguan() { return user("cg.chen", QStringLiteral("陈城管"), gw::Role::DepartmentHandler, "dept.chengguan"); }
inline gw::User zhujian() { return user("zj.liu", QStringLiteral("刘住建"), gw::Role::DepartmentHandler, "dept.zhujian"); }
inline gw::User shichang() { return user("sc.sun", QStringLiteral("孙市监"), gw::Role::DepartmentHandler, "dept.shichang"); }
inline gw::User supervisor() { return user("sup.qian", QStringLiteral("钱督查"), gw::Role::Supervisor, "center.district"); }

template <typename T>
T *child(QObject *parent, const QString &name)
{
    T *w = parent->findChild<T *>(name);
    if (!w)
        qWarning("no %s named %s", T::staticMetaObject.className(), qPrintable(name));
    return w;
}

inline void click(QWidget *w)
{
    QVERIFY(w);
    QVERIFY2(w->isEnabled(), qPrintable(w->objectName() + " is disabled"));
    QTest::mouseClick(w, Qt::LeftButton, Qt::NoModifier, w->rect().center());
}

// Types text the way it arrives on a desktop: Latin characters as key clicks, Chinese as the input method
// commits it (QTest::keyClicks handles only Latin-1).
inline void typeChars(QWidget *w, const QString &text)
{
    QString run;
    bool runIsLatin = true;
    auto flush = [&] {
        if (run.isEmpty())
            return;
        if (runIsLatin) {
            QTest::keyClicks(w, run);
        } else {
            QInputMethodEvent commit;
            commit.setCommitString(run);
            QApplication::sendEvent(w->focusProxy() ? w->focusProxy() : w, &commit);
        }
        run.clear();
    };
    for (QChar c : text) {
        const bool latin = c.unicode() < 0x80;
        if (latin != runIsLatin)
            flush();
        runIsLatin = latin;
        run.append(c);
    }
    flush();
}

// Replaces an edit's text by typing.
inline void type(QLineEdit *edit, const QString &text)
{
    QVERIFY(edit);
    edit->setFocus();
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Delete);
    typeChars(edit, text);
}

inline void type(QPlainTextEdit *edit, const QString &text)
{
    QVERIFY(edit);
    edit->setFocus();
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Delete);
    typeChars(edit, text);
}

inline bool choose(QComboBox *combo, const QString &data)
{
    const int i = combo ? combo->findData(data) : -1;
    if (i < 0)
        return false;
    combo->setFocus();
    combo->setCurrentIndex(i);
    return true;
}

// Fills every field of the registration form with valid values by typing, the way a grid worker does
// (shared by tst_caseregistration and tests/security/tst_formbadinput).
inline void fillValidRegistration(gw::CaseRegistrationDialog &d)
{
    type(child<QLineEdit>(&d, "titleEdit"), QStringLiteral("人行道占道经营"));
    type(child<QPlainTextEdit>(&d, "descriptionEdit"), QStringLiteral("早市摊贩占用人行道，行人只能走机动车道。"));
    QVERIFY(choose(child<QComboBox>(&d, "categoryCombo"), "city_appearance"));
    QVERIFY(choose(child<QComboBox>(&d, "subcategoryCombo"), "street_vending"));
    QVERIFY(choose(child<QComboBox>(&d, "urgencyCombo"), "urgent"));
    type(child<QLineEdit>(&d, "addressEdit"), QStringLiteral("拓东路 45 号门前"));
    type(child<QLineEdit>(&d, "gridCellEdit"), QStringLiteral("530103001001001"));
    type(child<QLineEdit>(&d, "reporterNameEdit"), QStringLiteral("王大爷"));
    type(child<QLineEdit>(&d, "reporterPhoneEdit"), QStringLiteral("138 0871 0000"));
}

// The registration form for `actor`, shown and filled with valid values by typing; `registered` records
// every case it saves.
struct RegistrationForm {
    RegistrationForm(gw::CaseStore *store, const gw::User &actor)
        : dialog(store, actor), registered(&dialog, &gw::CaseRegistrationDialog::registered)
    {
        dialog.show();
        fillValidRegistration(dialog);
    }
    void save() { click(child<QPushButton>(&dialog, "saveButton")); }
    // The id of the one case saved so far; empty when none (or more than one) was.
    QString savedCaseId() const { return registered.count() == 1 ? registered.first().first().toString() : QString(); }

    gw::CaseRegistrationDialog dialog;
    QSignalSpy registered;
};

// A missing manhole cover in Tuodong, community 1: a valid draft for reporter().
inline gw::CaseDraft manholeDraft()
{
    gw::CaseDraft d;
    d.title = QStringLiteral("井盖缺失");
    d.description = QStringLiteral("人行道井盖缺失，夜间危险。");
    d.categoryId = QStringLiteral("city_appearance");
    d.streetId = QStringLiteral("street.tuodong");
    d.communityId = QStringLiteral("community.tuodong.1");
    d.address = QStringLiteral("拓东路 12 号");
    return d;
}

// Writes the manholeDraft() case.registered by reporter() straight into the store (no form). Returns its id;
// the store's refusal is printed.
inline QString registerManholeCase(gw::CaseStore *store)
{
    gw::CaseEvent e = gw::EventBuilder(reporter(), store->deviceId()).registerCase(manholeDraft());
    gw::Result r = store->append(e);
    if (r.ok)
        r = gw::test::settleOutbox(*store);  // the reporter synced from their own desktop
    if (!r.ok)
        qWarning("%s", qPrintable(r.message.text()));
    return e.caseId;
}

// Appends an event by `actor` straight into the store; fails the test when the store refuses it.
inline void addEvent(gw::CaseStore *store, const gw::User &actor, gw::EventType type, const QString &caseId,
                     const QJsonObject &payload)
{
    gw::CaseEvent e = gw::EventBuilder(actor, store->deviceId()).make(type, caseId, payload);
    gw::Result r = gw::test::appendAsAuthor(*store, e);
    if (r.ok)
        r = gw::test::settleOutbox(*store);  // done and synced by `actor` on their own desktop
    QVERIFY2(r.ok, qPrintable(r.message.text()));
}

// Acts as `actor` on a case the way a person does: opens a fresh case detail, clicks the action's button,
// lets `fill` type into the form, clicks Submit. Returns the store's answer; on refusal the form is left
// open and returned through `leftOpen` (when given).
struct ActOutcome {
    bool buttonShown = false;
    bool stored = false;
    gw::Result result;
    QString formError;
};

inline ActOutcome act(gw::CaseStore *store, const gw::User &actor, const QString &caseId, gw::EventType type,
                      const std::function<void(gw::CaseActionDialog *)> &fill)
{
    ActOutcome out;
    gw::CaseDetailWidget detail(store, actor);
    detail.resize(1200, 800);
    detail.show();
    detail.showCase(caseId);
    QPushButton *button = detail.actionButton(type);
    out.buttonShown = button != nullptr;
    if (!button)
        return out;
    QTest::mouseClick(button, Qt::LeftButton);
    QPointer<gw::CaseActionDialog> dialog = detail.activeDialog();
    if (!dialog)
        return out;
    fill(dialog);
    QPushButton *submit = dialog->findChild<QPushButton *>(QStringLiteral("submitButton"));
    if (!submit)
        return out;
    QTest::mouseClick(submit, Qt::LeftButton);
    out.result = dialog->lastResult();
    out.stored = out.result.ok && !dialog->isVisible();
    if (!out.result.ok) {
        if (QLabel *l = dialog->findChild<QLabel *>(QStringLiteral("formErrorLabel")))
            out.formError = l->text();
    }
    return out;
}

inline void typeText(gw::CaseActionDialog *d, const QString &text)
{
    gw::PhraseCombo *field = d->findChild<gw::PhraseCombo *>(QStringLiteral("textField"));
    QVERIFY(field);
    type(field->textEdit(), text);
}

inline void pick(gw::CaseActionDialog *d, const QString &choiceValue)
{
    click(d->findChild<QAbstractButton *>(QStringLiteral("choice_") + choiceValue));
}

} // namespace gwtest
