#pragma once
#include <QObject>
#include <QTranslator>

namespace gw {

// Chooses the UI language: Simplified Chinese by default, English on request. Switching installs the new
// translators at once, so every open widget gets a LanguageChange event and retranslates itself; the choice
// is kept in QSettings ("ui/language").
class LanguageManager : public QObject
{
    Q_OBJECT
public:
    explicit LanguageManager(QObject *parent = nullptr);
    ~LanguageManager() override;

    static QString defaultLanguage() { return QStringLiteral("zh_CN"); }
    static QStringList availableLanguages();            // "zh_CN", "en"
    static QString displayName(const QString &language);  // in that language itself: 简体中文, English

    QString language() const { return m_language; }
    // Applies the saved language (or the default). Call once after QApplication exists.
    void applySaved();
    // Installs translators for `language` and saves it. Unknown codes are refused (returns false).
    bool setLanguage(const QString &language);

Q_SIGNALS:
    void languageChanged(const QString &language);

private:
    void removeTranslators();

    QString m_language;
    QTranslator m_appTranslator;
    QTranslator m_qtTranslator;
    bool m_appInstalled = false;
    bool m_qtInstalled = false;
};

} // namespace gw
