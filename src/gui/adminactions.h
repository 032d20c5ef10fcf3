#pragma once
#include <QObject>

class QAction;
class QMainWindow;
class QMenu;
class QPushButton;

namespace gw {

class ApplicationContext;
struct User;

// The 系统管理 (Administration) menu and what hangs off it: the account console (issue 17), the work calendar, the
// categories with their deadline rules, the org directory with its grid cells and the phrase templates (issue 16), and the status-bar warning administrators see from WorkCalendar::WarnDaysBeforeEnd days before the
// district's calendar runs out. Shown only to accounts the server lets change these (AccessPolicy).
class AdminActions : public QObject
{
    Q_OBJECT
public:
    AdminActions(QMainWindow *window, ApplicationContext *context);

    QMenu *menu() const { return m_menu; }
    // For the status bar: hidden unless the calendar runs out soon and the user may extend it.
    QPushButton *calendarWarning() const { return m_calendarWarning; }
    void retranslate();

public Q_SLOTS:
    void openAccountConsole();
    void openCalendar();
    void openCategoryRules();
    void openOrgDirectory();
    void openPhraseBook();
    void openIndicators();
    void updateCalendarWarning();
    void updateVisibility(const gw::User &user);

private:
    QMainWindow *m_window;
    ApplicationContext *m_context;
    QMenu *m_menu;
    QAction *m_accounts;
    QAction *m_calendar;
    QAction *m_categoryRules;
    QAction *m_orgDirectory;
    QAction *m_phraseBook;
    QAction *m_indicators;
    QPushButton *m_calendarWarning;
};

} // namespace gw
