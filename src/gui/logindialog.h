#pragma once
#include "user.h"
#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QRadioButton;

namespace gw {

class ApplicationContext;
class LanguageManager;

// Sign-in: to a district server (or one started on this computer), or offline with the last session cached
// on this computer. On success the context holds the user and the dialog is accepted.
class LoginDialog : public QDialog
{
    Q_OBJECT
public:
    LoginDialog(ApplicationContext *context, LanguageManager *languages, QWidget *parent = nullptr);

    QString statusText() const;

public Q_SLOTS:
    void logIn();
    void workOffline();
    void openSettings();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void setBusy(bool busy, const QString &message = {});
    void showError(const QString &message);
    void loginTo(const QUrl &url, const QString &caFile);
    void succeed(const User &user, bool offline);
    void updateMode();

    ApplicationContext *m_context;
    LanguageManager *m_languages;
    QLabel *m_heading;
    QLabel *m_firstRun;
    QComboBox *m_language;
    QLabel *m_languageLabel;
    QRadioButton *m_local;
    QRadioButton *m_remote;
    QLabel *m_urlLabel;
    QLineEdit *m_url;
    QLabel *m_userLabel;
    QComboBox *m_user;
    QLabel *m_passwordLabel;
    QLineEdit *m_password;
    QLabel *m_status;
    QProgressBar *m_busy;
    QPushButton *m_loginButton;
    QPushButton *m_offlineButton;
    QPushButton *m_settingsButton;
    QPushButton *m_quitButton;
    bool m_isBusy = false;
};

} // namespace gw
