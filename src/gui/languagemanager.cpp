#include "languagemanager.h"
#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>

namespace gw {

LanguageManager::LanguageManager(QObject *parent) : QObject(parent) {}

LanguageManager::~LanguageManager()
{
    removeTranslators();
}

QStringList LanguageManager::availableLanguages()
{
    return {QStringLiteral("zh_CN"), QStringLiteral("en")};
}

QString LanguageManager::displayName(const QString &language)
{
    if (language == QLatin1String("zh_CN"))
        return QStringLiteral("简体中文");
    if (language == QLatin1String("en"))
        return QStringLiteral("English");
    return language;
}

void LanguageManager::applySaved()
{
    const QString saved = QSettings().value(QStringLiteral("ui/language"), defaultLanguage()).toString();
    if (!setLanguage(saved))
        setLanguage(defaultLanguage());
}

bool LanguageManager::setLanguage(const QString &language)
{
    if (!availableLanguages().contains(language))
        return false;
    removeTranslators();
    // Our own strings (embedded .qm, see translations/) and Qt's (standard buttons, dialogs).
    m_appInstalled = m_appTranslator.load(QStringLiteral(":/i18n/gridwhistle_%1.qm").arg(language))
                     && QCoreApplication::installTranslator(&m_appTranslator);
    if (language != QLatin1String("en")) {
        m_qtInstalled = m_qtTranslator.load(QLocale(language), QStringLiteral("qtbase"), QStringLiteral("_"),
                                            QLibraryInfo::path(QLibraryInfo::TranslationsPath))
                        && QCoreApplication::installTranslator(&m_qtTranslator);
    }
    QLocale::setDefault(QLocale(language));
    const bool changed = m_language != language;
    m_language = language;
    QSettings().setValue(QStringLiteral("ui/language"), language);
    if (changed)
        emit languageChanged(language);
    return true;
}

void LanguageManager::removeTranslators()
{
    if (m_appInstalled)
        QCoreApplication::removeTranslator(&m_appTranslator);
    if (m_qtInstalled)
        QCoreApplication::removeTranslator(&m_qtTranslator);
    m_appInstalled = m_qtInstalled = false;
}

} // namespace gw
