#pragma once
#include <QByteArray>
#include <QStringList>

namespace gw {

// CSV the way Excel on Windows reads it: UTF-8 with a byte-order mark, CRLF line ends, quoted fields, and
// cells that would run as a formula kept as text. Every CSV export of the client writes through this.
class CsvFormat
{
public:
    static QByteArray byteOrderMark() { return QByteArrayLiteral("\xEF\xBB\xBF"); }
    static QString field(QString text);
    static QString line(const QStringList &fields);  // escaped fields, joined, with "\r\n"
};

} // namespace gw
