#include "adminactions.h"
#include "accesspolicy.h"
#include "accountconsoledialog.h"
#include "applicationcontext.h"
#include "calendaradmindialog.h"
#include "categoryrulesdialog.h"
#include "orgdirectorydialog.h"
#include "phrasebookdialog.h"
#include "indicatoreditor.h"
#include "syncengine.h"
#include "workcalendar.h"
#include <QAction>
#include <QMainWindow>
#include <QMenu>
#include <QPushButton>

namespace gw {

AdminActions::AdminActions(QMainWindow *window, ApplicationContext *context)
    : QObject(window), m_window(window), m_context(context), m_menu(new QMenu(window)),
      m_accounts(new QAction(this)), m_calendar(new QAction(this)),
      m_categoryRules(new QAction(this)), m_orgDirectory(new QAction(this)),
      m_phraseBook(new QAction(this)), m_indicators(new QAction(this)), m_calendarWarning(new QPushButton(window))
{
    m_menu->setObjectName(QStringLiteral("adminMenu"));
    m_accounts->setObjectName(QStringLiteral("actionAccounts"));
    m_calendar->setObjectName(QStringLiteral("actionCalendar"));
    const User user = context->currentUser();
    m_menu->addAction(m_accounts);
    m_menu->addAction(m_calendar);
    m_categoryRules->setObjectName(QStringLiteral("actionCategoryRules"));
    m_menu->addAction(m_categoryRules);
    connect(m_categoryRules, &QAction::triggered, this, &AdminActions::openCategoryRules);
    m_orgDirectory->setObjectName(QStringLiteral("actionOrgDirectory"));
    m_menu->addAction(m_orgDirectory);
    connect(m_orgDirectory, &QAction::triggered, this, &AdminActions::openOrgDirectory);
    m_phraseBook->setObjectName(QStringLiteral("actionPhraseBook"));
    m_menu->addAction(m_phraseBook);
    connect(m_phraseBook, &QAction::triggered, this, &AdminActions::openPhraseBook);
    // Assessment administrators hold a grant, whatever their role: the menu is theirs too.
    m_indicators->setObjectName(QStringLiteral("actionIndicators"));
    m_menu->addAction(m_indicators);
    connect(m_indicators, &QAction::triggered, this, &AdminActions::openIndicators);
    updateVisibility(user);
    // A grant given or taken, a role changed: the person signs in again, and the menu follows.
    connect(context, &ApplicationContext::currentUserChanged, this, &AdminActions::updateVisibility);
    connect(m_accounts, &QAction::triggered, this, &AdminActions::openAccountConsole);
    connect(m_calendar, &QAction::triggered, this, &AdminActions::openCalendar);

    m_calendarWarning->setObjectName(QStringLiteral("calendarWarning"));
    m_calendarWarning->setFlat(true);
    m_calendarWarning->setCursor(Qt::PointingHandCursor);
    m_calendarWarning->setStyleSheet(QStringLiteral("QPushButton { background: #fff3cd; color: #7a4f00; border: 1px solid "
                                                    "#e0b000; border-radius: 3px; padding: 0 6px; }"));
    connect(m_calendarWarning, &QPushButton::clicked, this, &AdminActions::openCalendar);
    if (SyncEngine *sync = context->sync())
        connect(sync, &SyncEngine::referenceDataChanged, this, &AdminActions::updateCalendarWarning);
    retranslate();
}

void AdminActions::updateVisibility(const User &user)
{
    const bool reference = AccessPolicy::canManageReferenceData(user);
    m_accounts->setVisible(AccessPolicy::canManageAccounts(user));
    for (QAction *action : {m_calendar, m_categoryRules, m_orgDirectory, m_phraseBook})
        action->setVisible(reference);
    m_indicators->setVisible(AccessPolicy::canManageIndicators(user));
    m_menu->menuAction()->setVisible(m_accounts->isVisible() || reference || m_indicators->isVisible());
    updateCalendarWarning();
}

void AdminActions::retranslate()
{
    m_menu->setTitle(tr("&Administration"));
    m_accounts->setText(tr("&Accounts…"));
    m_accounts->setToolTip(tr("Create, change, disable accounts and reset passwords; the administrative log"));
    m_calendar->setText(tr("Work &calendar…"));
    m_calendar->setToolTip(tr("Public holidays and make-up workdays of each year, which every deadline is counted with"));
    m_categoryRules->setText(tr("Categories and &deadline rules…"));
    m_categoryRules->setToolTip(tr("The departments' check-in and handling deadlines and the step clocks of each category "
                                   "and urgency"));
    m_orgDirectory->setText(tr("&Org directory and grid cells…"));
    m_orgDirectory->setToolTip(tr("Streets, communities and their grid cells; departments and their duty contacts"));
    m_phraseBook->setText(tr("&Phrase templates…"));
    m_phraseBook->setToolTip(tr("The district's common phrases (常用语) for each text field of the forms"));
    m_indicators->setText(tr("Assessment &indicators…"));
    m_indicators->setToolTip(tr("The indicator sets the months are assessed with, by the month each takes effect"));
    updateCalendarWarning();
}

void AdminActions::updateCalendarWarning()
{
    const WorkCalendar &calendar = WorkCalendar::builtin();
    const QDate today = WorkCalendar::districtToday();
    const bool show = AccessPolicy::canManageReferenceData(m_context->currentUser()) && calendar.runsOutSoon(today);
    m_calendarWarning->setVisible(show);
    if (!show)
        return;
    const int left = calendar.daysLeft(today);
    m_calendarWarning->setText(left >= 0 ? tr("The work calendar ends in %n day(s): enter %1…", nullptr, left)
                                               .arg(calendar.lastKnownYear() + 1)
                                         : tr("The work calendar has ended: enter %1…").arg(today.year()));
    m_calendarWarning->setToolTip(tr("Deadlines after %1 count every weekday as a working day until the holidays of the "
                                     "next year are entered.")
                                      .arg(calendar.lastKnownDay().toString(Qt::ISODate)));
}

void AdminActions::openAccountConsole()
{
    if (!AccessPolicy::canManageAccounts(m_context->currentUser()))
        return;
    AccountConsoleDialog dialog(m_context->sync(), m_window);
    dialog.exec();
}

void AdminActions::openCalendar()
{
    if (!AccessPolicy::canManageReferenceData(m_context->currentUser()))
        return;
    CalendarAdminDialog dialog(m_context->sync(), m_context->store(), m_window);
    connect(&dialog, &CalendarAdminDialog::saved, this, &AdminActions::updateCalendarWarning);
    dialog.exec();
}

void AdminActions::openCategoryRules()
{
    if (!AccessPolicy::canManageReferenceData(m_context->currentUser()))
        return;
    CategoryRulesDialog dialog(m_context->sync(), m_context->store(), m_window);
    dialog.exec();
}

void AdminActions::openOrgDirectory()
{
    if (!AccessPolicy::canManageReferenceData(m_context->currentUser()))
        return;
    OrgDirectoryDialog dialog(m_context->sync(), m_context->store(), m_window);
    dialog.exec();
}

void AdminActions::openIndicators()
{
    if (!AccessPolicy::canManageIndicators(m_context->currentUser()))
        return;
    IndicatorEditor editor(m_context->sync(), m_context->store(), m_window);
    editor.exec();
}

void AdminActions::openPhraseBook()
{
    if (!AccessPolicy::canManageReferenceData(m_context->currentUser()))
        return;
    PhraseBookDialog dialog(m_context->sync(), m_context->store(), m_window);
    dialog.exec();
}

} // namespace gw
