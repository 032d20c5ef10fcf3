#include "protocol/referenceset.h"
#include "caseevent.h"
#include "categorycatalog.h"
#include "orgdirectory.h"
#include "indicatorschedule.h"
#include "phrasebook.h"
#include "protocol/protocolreader.h"
#include "workcalendar.h"
#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace gw {

const QString ReferenceSet::Calendar = QStringLiteral("calendar");
const QString ReferenceSet::Categories = QStringLiteral("categories");
const QString ReferenceSet::Org = QStringLiteral("org");
const QString ReferenceSet::Phrases = QStringLiteral("phrases");
const QString ReferenceSet::Indicators = QStringLiteral("indicators");

QStringList ReferenceSet::knownKinds() { return {Calendar, Categories, Org, Phrases, Indicators}; }

Message ReferenceSet::displayName(const QString &kind)
{
    if (kind == Calendar)
        return tr("work calendar");
    if (kind == Categories)
        return tr("categories and deadline rules");
    if (kind == Org)
        return tr("org directory and grid cells");
    if (kind == Phrases)
        return tr("phrase templates");
    if (kind == Indicators)
        return tr("assessment indicator sets");
    return Message(kind);
}

// Written only on the main thread, like the installed data itself.
static QHash<QString, int> &installedVersions()
{
    static QHash<QString, int> versions;
    return versions;
}

int ReferenceSet::installedVersion(const QString &kind) { return installedVersions().value(kind); }

QJsonObject ReferenceSet::toJson() const
{
    return {{QStringLiteral("kind"), kind},
            {QStringLiteral("version"), version},
            {QStringLiteral("body"), body},
            {QStringLiteral("changedAt"), CaseEvent::timeToString(changedAt)},
            {QStringLiteral("changedBy"), changedBy}};
}

bool ReferenceSet::fromJson(const QJsonObject &o, ReferenceSet *out, Message *error)
{
    ProtocolReader read(o, tr("reference data set"));
    ReferenceSet s;
    s.kind = read.text("kind", ProtocolReader::Need::Required);
    s.version = read.number("version", ProtocolReader::Need::Required);
    s.body = read.object("body", ProtocolReader::Need::Required);
    s.changedAt = read.time("changedAt");
    s.changedBy = read.text("changedBy");
    if (read.ok() && !knownKinds().contains(s.kind))
        read.fail(tr("Unknown kind of reference data \"%1\".").arg(s.kind.left(40)));
    if (read.ok() && s.version < 1)
        read.fail(tr("Reference data versions are numbered from 1."));
    if (!read.finish(error))
        return false;
    *out = s;
    return true;
}

// Loads `body` as the district's `Data` and puts it in use; a body that does not load changes nothing.
template <typename Data>
static Result installAs(const QJsonObject &body)
{
    Data data;
    const Result loaded = data.load(body);
    if (loaded.ok)
        Data::installDistrict(data);
    return loaded;
}

Result ReferenceSet::installInProcess() const
{
    Result installed = Result::success();
    if (kind == Calendar)
        installed = installAs<WorkCalendar>(body);
    else if (kind == Categories)
        installed = installAs<CategoryCatalog>(body);
    else if (kind == Org)
        installed = installAs<OrgDirectory>(body);
    else if (kind == Phrases)
        installed = installAs<PhraseBook>(body);
    else if (kind == Indicators)
        installed = installAs<IndicatorSchedule>(body);
    if (installed.ok)
        installedVersions().insert(kind, version);
    return installed;
}

QString ReferenceSet::haveToString(const QHash<QString, int> &have)
{
    QStringList parts;
    for (const QString &kind : knownKinds())
        if (have.value(kind) > 0)
            parts << QStringLiteral("%1:%2").arg(kind).arg(have.value(kind));
    return parts.join(u',');
}

bool ReferenceSet::parseHave(const QString &text, QHash<QString, int> *have, Message *error)
{
    have->clear();
    if (text.isEmpty())
        return true;
    static const QRegularExpression part(QStringLiteral("^([a-z_]{1,32}):([0-9]{1,9})$"));
    for (const QString &p : text.split(u',')) {
        const QRegularExpressionMatch m = part.match(p);
        if (!m.hasMatch() || !knownKinds().contains(m.captured(1))) {
            if (error)
                *error = tr("\"have\" lists the reference data held as kind:version, separated by commas; \"%1\" is not one.")
                             .arg(p.left(40));
            return false;
        }
        have->insert(m.captured(1), m.captured(2).toInt());
    }
    return true;
}

QStringList ReferenceSet::parseKinds(const QString &text)
{
    if (text.isEmpty())
        return {Calendar};
    QStringList kinds;
    for (const QString &kind : knownKinds())
        if (text.split(u',').contains(kind))
            kinds.append(kind);
    return kinds;
}

QJsonObject ReferenceAnswer::toJson() const
{
    QJsonArray list;
    for (const ReferenceSet &s : sets)
        list.append(s.toJson());
    return {{QStringLiteral("sets"), list}};
}

bool ReferenceAnswer::fromJson(const QJsonObject &o, ReferenceAnswer *out, Message *error)
{
    ProtocolReader read(o, tr("reference data answer"));
    const QJsonArray list = read.array("sets", ProtocolReader::Need::Required);
    if (!read.finish(error))
        return false;
    ReferenceAnswer answer;
    for (const QJsonValue &v : list) {
        // A kind this program does not know is one a newer server serves: left for the program that knows it.
        if (v.isObject() && !ReferenceSet::knownKinds().contains(v.toObject().value(QLatin1String("kind")).toString()))
            continue;
        ReferenceSet s;
        Message why;
        if (!v.isObject() || !ReferenceSet::fromJson(v.toObject(), &s, &why)) {
            if (error)
                *error = why.isEmpty() ? tr("A reference data set is not a JSON object.") : why;
            return false;
        }
        answer.sets.append(s);
    }
    *out = answer;
    return true;
}

QString ReferenceSet::itemTag(const QJsonValue &item)
{
    QJsonArray wrapped;  // a document holds an array or an object; the piece may be neither (null, a list of texts)
    wrapped.append(item);
    const QByteArray bytes = QJsonDocument(wrapped).toJson(QJsonDocument::Compact);
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex().left(32));
}

QJsonValue ReferenceSet::indicatorPiece(const IndicatorSchedule &schedule, const QString &month)
{
    int year = 0, monthNumber = 0;
    if (!IndicatorSchedule::parseMonth(month, &year, &monthNumber))
        return QJsonValue();
    return QJsonObject{{QStringLiteral("effective"), schedule.effectiveFor(year, monthNumber)},
                       {QStringLiteral("set"), QJsonDocument::fromJson(schedule.inForce(year, monthNumber).toJson()).object()}};
}

bool ReferenceSet::isItemTag(const QString &text)
{
    static const QRegularExpression tag(QStringLiteral("^[0-9a-f]{32}$"));
    return tag.match(text).hasMatch();
}

} // namespace gw
