#include "message.h"
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <algorithm>

namespace gw {

namespace {

// What a message received from the network may hold: enough for any sentence the code has, no more.
constexpr int kMaxDepth = 4;
constexpr int kMaxArgs = 99;
constexpr int kMaxKeyLength = 200;
constexpr int kMaxSourceLength = 4000;
constexpr int kMaxTextLength = 20000;

// Replaces %1…%99 as QString::arg does: the k-th argument fills the k-th lowest placeholder number present, in one
// pass, so an argument that itself contains "%2" is never substituted again.
QString substitute(const QString &pattern, const QStringList &args)
{
    if (args.isEmpty())
        return pattern;
    QList<int> numbers;
    auto placeholderAt = [&pattern](qsizetype i, qsizetype *length) {
        if (pattern.at(i) != u'%' || i + 1 >= pattern.size())
            return -1;
        qsizetype j = i + 1;
        if (pattern.at(j) == u'L' && j + 1 < pattern.size())
            ++j;
        if (!pattern.at(j).isDigit())
            return -1;
        int number = pattern.at(j).digitValue();
        ++j;
        if (j < pattern.size() && pattern.at(j).isDigit()) {
            number = number * 10 + pattern.at(j).digitValue();
            ++j;
        }
        *length = j - i;
        return number >= 1 ? number : -1;
    };
    for (qsizetype i = 0, length = 0; i < pattern.size(); ++i) {
        const int number = placeholderAt(i, &length);
        if (number > 0 && !numbers.contains(number))
            numbers.append(number);
    }
    std::sort(numbers.begin(), numbers.end());
    QString out;
    out.reserve(pattern.size() + 32);
    for (qsizetype i = 0; i < pattern.size();) {
        qsizetype length = 0;
        const int number = placeholderAt(i, &length);
        const qsizetype rank = number > 0 ? numbers.indexOf(number) : -1;
        if (rank >= 0 && rank < args.size()) {
            out += args.at(rank);
            i += length;
        } else {
            out += pattern.at(i);
            ++i;
        }
    }
    return out;
}

} // namespace

Message::Message(const QString &plain) : m_plain(plain) {}

Message::Message(const char *plain) : m_plain(QString::fromUtf8(plain)) {}

Message Message::translate(const char *context, const char *source, const char *disambiguation, int n)
{
    Message m;
    m.m_context = QByteArray(context);
    m.m_source = QByteArray(source);
    m.m_disambiguation = disambiguation ? QByteArray(disambiguation) : QByteArray();
    m.m_n = n;
    return m;
}

Message Message::arg(const Message &a) const
{
    Message m = *this;
    m.m_args.append(a);
    return m;
}

Message Message::arg(const QString &a, int fieldWidth, QChar fill) const
{
    return arg(Message(fieldWidth ? QStringLiteral("%1").arg(a, fieldWidth, fill) : a));
}

Message Message::arg(int a, int w, int base, QChar fill) const { return arg(QStringLiteral("%1").arg(a, w, base, fill)); }
Message Message::arg(uint a, int w, int base, QChar fill) const { return arg(QStringLiteral("%1").arg(a, w, base, fill)); }
Message Message::arg(long a, int w, int base, QChar fill) const { return arg(QStringLiteral("%1").arg(a, w, base, fill)); }
Message Message::arg(ulong a, int w, int base, QChar fill) const { return arg(QStringLiteral("%1").arg(a, w, base, fill)); }
Message Message::arg(qlonglong a, int w, int base, QChar fill) const
{
    return arg(QStringLiteral("%1").arg(a, w, base, fill));
}
Message Message::arg(qulonglong a, int w, int base, QChar fill) const
{
    return arg(QStringLiteral("%1").arg(a, w, base, fill));
}
Message Message::arg(double a, int w, char format, int precision, QChar fill) const
{
    return arg(QStringLiteral("%1").arg(a, w, format, precision, fill));
}

Message Message::lines(const QList<Message> &parts)
{
    if (parts.size() > kMaxArgs) {  // groups of lines, each a message of lines: nothing is left out
        QList<Message> groups;
        for (qsizetype i = 0; i < parts.size(); i += kMaxArgs)
            groups.append(lines(parts.mid(i, kMaxArgs)));
        return lines(groups);
    }
    QStringList pattern;
    Message m;
    for (qsizetype i = 0; i < parts.size(); ++i) {
        pattern.append(QLatin1Char('%') + QString::number(i + 1));
        m.m_args.append(parts.at(i));
    }
    m.m_plain = pattern.join(QLatin1Char('\n'));
    return m;
}

QString Message::render(bool translated) const
{
    QString pattern;
    if (!isCatalogued()) {
        pattern = m_plain;
    } else if (translated) {
        pattern = QCoreApplication::translate(m_context.constData(), m_source.constData(),
                                              m_disambiguation.isEmpty() ? nullptr : m_disambiguation.constData(),
                                              m_n);
    } else {
        pattern = QString::fromUtf8(m_source);
        if (m_n >= 0)
            pattern.replace(QLatin1String("%n"), QString::number(m_n));
    }
    QStringList args;
    args.reserve(m_args.size());
    for (const Message &a : m_args)
        args.append(a.render(translated));
    return substitute(pattern, args);
}

QString Message::text() const { return render(true); }

QString Message::english() const { return render(false); }

QString Message::id() const
{
    if (!isCatalogued())
        return {};
    QByteArray scope = m_context;
    if (scope.startsWith("gw::"))
        scope = scope.mid(4);
    QByteArray key = m_context + '\n' + m_source;
    if (!m_disambiguation.isEmpty())
        key += '\n' + m_disambiguation;
    const QByteArray digest = QCryptographicHash::hash(key, QCryptographicHash::Sha1).toHex().left(8);
    return QString::fromLatin1(scope.toLower().replace("::", ".") + '.' + digest);
}

QJsonObject Message::toJson() const
{
    QJsonObject o;
    if (!isCatalogued()) {
        o.insert(QStringLiteral("text"), m_plain);
    } else {
        o.insert(QStringLiteral("id"), id());
        o.insert(QStringLiteral("context"), QString::fromUtf8(m_context));
        o.insert(QStringLiteral("source"), QString::fromUtf8(m_source));
    }
    if (!m_disambiguation.isEmpty())
        o.insert(QStringLiteral("disambiguation"), QString::fromUtf8(m_disambiguation));
    if (m_n >= 0)
        o.insert(QStringLiteral("n"), m_n);
    if (!m_args.isEmpty()) {
        QJsonArray args;
        for (const Message &a : m_args) {
            if (a.isSimpleText())
                args.append(a.m_plain);
            else
                args.append(a.toJson());
        }
        o.insert(QStringLiteral("args"), args);
    }
    return o;
}

bool Message::fromJson(const QJsonObject &o, Message *out) { return fromJson(o, 0, out); }

bool Message::fromJson(const QJsonObject &o, int depth, Message *out)
{
    if (depth > kMaxDepth)
        return false;
    const QJsonValue text = o.value(QStringLiteral("text"));
    const QJsonValue context = o.value(QStringLiteral("context"));
    const QJsonValue source = o.value(QStringLiteral("source"));
    const QJsonValue disambiguation = o.value(QStringLiteral("disambiguation"));
    const QJsonValue n = o.value(QStringLiteral("n"));
    const QJsonValue args = o.value(QStringLiteral("args"));
    const bool plain = !text.isUndefined();
    if (plain && (!text.isString() || text.toString().size() > kMaxTextLength || !context.isUndefined()))
        return false;
    if (!plain
        && (!context.isString() || !source.isString() || context.toString().isEmpty() || source.toString().isEmpty()
            || context.toString().size() > kMaxKeyLength || source.toString().size() > kMaxSourceLength))
        return false;
    if (!(disambiguation.isUndefined() || (disambiguation.isString() && disambiguation.toString().size() <= kMaxKeyLength)))
        return false;
    if (!(n.isUndefined() || (n.isDouble() && n.toDouble() == double(n.toInt()) && n.toInt() >= 0)))
        return false;
    if (!(args.isUndefined() || (args.isArray() && args.toArray().size() <= kMaxArgs)))
        return false;
    Message m;
    m.m_plain = text.toString();
    m.m_context = context.toString().toUtf8();
    m.m_source = source.toString().toUtf8();
    m.m_disambiguation = disambiguation.toString().toUtf8();
    m.m_n = n.isUndefined() ? -1 : n.toInt();
    for (const QJsonValue &a : args.toArray()) {
        Message arg;
        if (a.isString() && a.toString().size() <= kMaxTextLength)
            arg = Message(a.toString());
        else if (!a.isObject() || !fromJson(a.toObject(), depth + 1, &arg))
            return false;
        m.m_args.append(arg);
    }
    *out = m;
    return true;
}

void Message::writeTo(QJsonObject &o, const QString &key) const
{
    o.insert(key, english());
    if (!isSimpleText())
        o.insert(key + QLatin1String("Detail"), toJson());
}

bool Message::isSimpleText() const
{
    return !isCatalogued() && m_args.isEmpty() && m_disambiguation.isEmpty() && m_n < 0;
}

QString Message::toStored() const
{
    // Plain text as it is, unless it would read back as JSON.
    if (isSimpleText() && !m_plain.startsWith(QLatin1String("{\"")))
        return m_plain;
    return QString::fromUtf8(QJsonDocument(toJson()).toJson(QJsonDocument::Compact));
}

Message Message::fromStored(const QString &stored)
{
    Message m;
    if (stored.startsWith(QLatin1String("{\"")) && fromJson(QJsonDocument::fromJson(stored.toUtf8()).object(), &m))
        return m;
    return Message(stored);
}

Message Message::readFrom(const QJsonObject &o, const QString &key)
{
    Message m;
    const QJsonValue detail = o.value(key + QLatin1String("Detail"));
    if (detail.isObject() && fromJson(detail.toObject(), &m))
        return m;
    return Message(o.value(key).toString());
}

bool operator==(const Message &a, const Message &b)
{
    return a.m_context == b.m_context && a.m_source == b.m_source && a.m_disambiguation == b.m_disambiguation
        && a.m_n == b.m_n && a.m_plain == b.m_plain && a.m_args == b.m_args;
}

} // namespace gw
