#pragma once
#include <QJsonObject>
#include <QList>
#include <QString>

namespace gw {

// A sentence for a person, kept as its catalogue key (context and English template) plus its arguments instead
// of as finished text, so it is rendered in the reader's language wherever it ends up: the district server answers
// with it (English for logs and API users, and the key and arguments beside it), and the client renders the same
// message in its own UI language (issue 18). Text that comes from no catalogue (a user's input, an OS error) is a
// plain message and is shown as it is.
//
// Classes whose sentences may leave the server declare GW_DECLARE_MESSAGES instead of Q_DECLARE_TR_FUNCTIONS, so
// their tr() returns a Message; lupdate reads both the same way.
class Message {
public:
    Message() = default;
    Message(const QString &plain);  // implicit on purpose: a refusal may carry any finished text
    Message(const char *plain);
    Message(QLatin1String plain) : m_plain(plain) {}
    // The catalogue entry (context, source[, disambiguation]) as lupdate records it; `n` selects a plural form.
    static Message translate(const char *context, const char *source, const char *disambiguation = nullptr,
                             int n = -1);

    // Arguments, in QString::arg's order (the lowest-numbered %N first). A Message argument is rendered in the
    // same language as the sentence that holds it.
    Message arg(const Message &a) const;
    Message arg(const QString &a, int fieldWidth = 0, QChar fill = u' ') const;
    Message arg(const char *a) const { return arg(QString::fromUtf8(a)); }
    Message arg(QLatin1String a) const { return arg(QString(a)); }
    Message arg(QStringView a) const { return arg(a.toString()); }
    Message arg(QChar a) const { return arg(QString(a)); }
    Message arg(char a) const { return arg(QString(QLatin1Char(a))); }
    Message arg(int a, int fieldWidth = 0, int base = 10, QChar fill = u' ') const;
    Message arg(uint a, int fieldWidth = 0, int base = 10, QChar fill = u' ') const;
    Message arg(long a, int fieldWidth = 0, int base = 10, QChar fill = u' ') const;
    Message arg(ulong a, int fieldWidth = 0, int base = 10, QChar fill = u' ') const;
    Message arg(qlonglong a, int fieldWidth = 0, int base = 10, QChar fill = u' ') const;
    Message arg(qulonglong a, int fieldWidth = 0, int base = 10, QChar fill = u' ') const;
    Message arg(double a, int fieldWidth = 0, char format = 'g', int precision = -1, QChar fill = u' ') const;
    Message arg(const Message &a1, const Message &a2) const { return arg(a1).arg(a2); }
    Message arg(const Message &a1, const Message &a2, const Message &a3) const { return arg(a1, a2).arg(a3); }
    Message arg(const Message &a1, const Message &a2, const Message &a3, const Message &a4) const
    {
        return arg(a1, a2, a3).arg(a4);
    }
    Message arg(const Message &a1, const Message &a2, const Message &a3, const Message &a4, const Message &a5) const
    {
        return arg(a1, a2, a3, a4).arg(a5);
    }

    // The messages, one per line.
    static Message lines(const QList<Message> &parts);
    // This sentence and then `next`, as one message ("%1 %2").
    Message followedBy(const Message &next) const { return Message(QStringLiteral("%1 %2")).arg(*this, next); }

    QString text() const;     // in the application's current UI language (its installed translators)
    QString english() const;  // the source text, for logs and API users
    // Code that can run on the server is compiled with GW_MESSAGE_STRICT (core, database, city, server): there a
    // Message never silently becomes finished text, which would reach a client in the server's language. It must
    // say text() or english(). (Only overload resolution differs; the function is the same.)
#ifdef GW_MESSAGE_STRICT
    explicit
#endif
    operator QString() const { return text(); }

    bool isEmpty() const { return m_source.isEmpty() && m_plain.isEmpty() && m_args.isEmpty(); }
    bool isCatalogued() const { return !m_source.isEmpty(); }
    // Stable across releases as long as the English source text is unchanged ("workflow.3f9a02c1"): changing the
    // wording makes it a different message.
    QString id() const;
    QByteArray context() const { return m_context; }
    QByteArray source() const { return m_source; }
    QList<Message> arguments() const { return m_args; }

    // {"id","context","source","disambiguation","n","args":[text or nested message]}; plain text is {"text", "args"}.
    QJsonObject toJson() const;
    // Validates shape and size; a malformed object gives false and leaves *out alone.
    static bool fromJson(const QJsonObject &o, Message *out);

    // For a text column: the JSON of a composed message, or plain text as it is (rows written before keep working).
    QString toStored() const;
    static Message fromStored(const QString &stored);

    // The wire convention: `key` holds the English text, `key + "Detail"` the message itself.
    void writeTo(QJsonObject &o, const QString &key) const;
    // The message under `key`: from its detail when that is valid, else the plain text (an older server).
    static Message readFrom(const QJsonObject &o, const QString &key);

    friend bool operator==(const Message &a, const Message &b);
    friend bool operator!=(const Message &a, const Message &b) { return !(a == b); }

private:
    QString render(bool translated) const;
    bool isSimpleText() const;  // text and nothing else: travels as a bare string
    static bool fromJson(const QJsonObject &o, int depth, Message *out);

    QByteArray m_context, m_source, m_disambiguation;
    int m_n = -1;
    QString m_plain;
    QList<Message> m_args;
};

} // namespace gw

// In a class whose sentences may be sent to clients, instead of Q_DECLARE_TR_FUNCTIONS(context): the same tr()
// for lupdate, returning a Message. `context` must be the class's qualified name (tests/gui/tst_servermessages
// checks it).
#define GW_DECLARE_MESSAGES(context)                                                                                \
public:                                                                                                             \
    static gw::Message tr(const char *source, const char *disambiguation = nullptr, int n = -1)                    \
    {                                                                                                               \
        return gw::Message::translate(#context, source, disambiguation, n);                                         \
    }                                                                                                               \
                                                                                                                    \
private:
