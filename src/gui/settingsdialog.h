#pragma once
#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QRadioButton;
class QSpinBox;

namespace gw {

class ApplicationContext;
class LanguageManager;

// Connection and display settings: local or district server, server address, the district CA certificate,
// automatic sync interval and the UI language. Checks each field and says what is wrong next to it.
class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    SettingsDialog(ApplicationContext *context, LanguageManager *languages, QWidget *parent = nullptr);

    // Empty when the field is fine; otherwise a sentence for the user.
    static QString checkServerUrl(const QString &text);
    static QString checkCaFile(const QString &path);

    void accept() override;

private:
    bool validate();
    void updateEnabled();

    ApplicationContext *m_context;
    LanguageManager *m_languages;
    QRadioButton *m_local;
    QRadioButton *m_remote;
    QLineEdit *m_url;
    QLabel *m_urlError;
    QLineEdit *m_caFile;
    QLabel *m_caError;
    QSpinBox *m_autoSync;
    QSpinBox *m_idleLock;
    QComboBox *m_language;
};

} // namespace gw
