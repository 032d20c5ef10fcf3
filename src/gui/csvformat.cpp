#include "csvformat.h"

namespace gw {

QString CsvFormat::field(QString text)
{
    // Text a spreadsheet would run as a formula is neutralised; quotes doubled; fields with separators quoted.
    if (!text.isEmpty() && QStringLiteral("=+-@").contains(text.at(0)) && !text.at(0).isDigit()) {
        bool number = false;
        text.toDouble(&number);
        if (!number)
            text.prepend(QLatin1Char('\''));
    }
    if (text.contains(QLatin1Char(',')) || text.contains(QLatin1Char('"')) || text.contains(QLatin1Char('\n'))
        || text.contains(QLatin1Char('\r'))) {
        text.replace(QLatin1Char('"'), QStringLiteral("\"\""));
        text = QLatin1Char('"') + text + QLatin1Char('"');
    }
    return text;
}

QString CsvFormat::line(const QStringList &fields)
{
    QStringList out;
    out.reserve(fields.size());
    for (const QString &f : fields)
        out.append(field(f));
    return out.join(QLatin1Char(',')) + QStringLiteral("\r\n");
}

} // namespace gw
