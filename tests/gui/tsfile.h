#pragma once
// Reading Qt Linguist .ts files and running lupdate, shared by the translation suites.
#include <QList>
#include <QString>
#include <QStringList>

namespace gw::test {

struct TsMessage
{
    QString context;
    QString source;
    QString comment;           // lupdate's "comment" is the disambiguation passed to tr()
    QStringList translations;  // one entry, or one per <numerusform>
    bool numerus = false;
    bool unfinished = false;

    QString key() const { return context + QLatin1Char('\x1f') + source + QLatin1Char('\x1f') + comment; }
    QString label() const;
};

struct TsFile
{
    QString language;
    QList<TsMessage> messages;
    QString error;
};

TsFile parseTs(const QString &path);

// lupdate of this Qt installation, or empty when the tools are not installed.
QString findLupdate();

// Runs lupdate over `files` into `tsPath` with the options of translations/translations.cmake; returns an error
// text (lupdate's output) or an empty string.
QString runLupdate(const QString &lupdate, const QStringList &files, const QStringList &includeDirs,
                   const QString &tsPath);

} // namespace gw::test
