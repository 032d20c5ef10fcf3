#include "adminlogentry.h"
#include "categorycatalog.h"
#include "caseevent.h"
#include "orgdirectory.h"
#include "phrasebook.h"
#include "protocol/protocolreader.h"
#include "role.h"
#include "user.h"
#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <functional>

namespace gw {

const QString AdminLogEntry::AccountCreated = QStringLiteral("account.created");
const QString AdminLogEntry::AccountUpdated = QStringLiteral("account.updated");
const QString AdminLogEntry::AccountPasswordReset = QStringLiteral("account.password_reset");
const QString AdminLogEntry::AccountPasswordChanged = QStringLiteral("account.password_changed");
const QString AdminLogEntry::ReferenceImported = QStringLiteral("reference.imported");
const QString AdminLogEntry::CalendarYearSet = QStringLiteral("reference.calendar_year_set");
const QString AdminLogEntry::WorkingDaySet = QStringLiteral("reference.working_day_set");
const QString AdminLogEntry::CategorySet = QStringLiteral("reference.category_set");
const QString AdminLogEntry::OrgUnitSet = QStringLiteral("reference.org_unit_set");
const QString AdminLogEntry::GridCellSet = QStringLiteral("reference.grid_cell_set");
const QString AdminLogEntry::PhrasesSet = QStringLiteral("reference.phrases_set");
const QString AdminLogEntry::IndicatorsSet = QStringLiteral("reference.indicators_set");
const QString AdminLogEntry::MonthPublished = QStringLiteral("assessment.month_published");

QByteArray AdminLogEntry::canonical() const
{
    // QJsonObject keeps its keys sorted, so the same entry always gives the same bytes.
    const QJsonObject o{{QStringLiteral("seq"), double(seq)},
                        {QStringLiteral("at"), CaseEvent::timeToString(at)},
                        {QStringLiteral("actor"), actor},
                        {QStringLiteral("action"), action},
                        {QStringLiteral("subject"), subject},
                        {QStringLiteral("details"), details},
                        {QStringLiteral("prevHash"), QString::fromLatin1(prevHash)}};
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QByteArray AdminLogEntry::computeHash() const
{
    return QCryptographicHash::hash(canonical(), QCryptographicHash::Sha256).toHex();
}

void AdminLogEntry::seal(const QByteArray &previousHash)
{
    prevHash = previousHash;
    hash = computeHash();
}

QJsonObject AdminLogEntry::toJson() const
{
    return {{QStringLiteral("seq"), double(seq)},
            {QStringLiteral("at"), CaseEvent::timeToString(at)},
            {QStringLiteral("actor"), actor},
            {QStringLiteral("action"), action},
            {QStringLiteral("subject"), subject},
            {QStringLiteral("details"), details},
            {QStringLiteral("prevHash"), QString::fromLatin1(prevHash)},
            {QStringLiteral("hash"), QString::fromLatin1(hash)}};
}

bool AdminLogEntry::fromJson(const QJsonObject &o, AdminLogEntry *out, Message *error)
{
    ProtocolReader read(o, tr("administrative log entry"));
    AdminLogEntry e;
    e.seq = read.bigNumber("seq", ProtocolReader::Need::Required);
    e.at = read.time("at", ProtocolReader::Need::Required);
    e.actor = read.text("actor", ProtocolReader::Need::Required);
    e.action = read.text("action", ProtocolReader::Need::Required);
    e.subject = read.text("subject");
    e.details = read.object("details");
    e.prevHash = read.text("prevHash").toLatin1();
    e.hash = read.text("hash", ProtocolReader::Need::Required).toLatin1();
    if (read.ok() && e.seq < 1)
        read.fail(tr("An administrative log entry is numbered from 1."));
    if (!read.finish(error))
        return false;
    *out = e;
    return true;
}

Message AdminLogEntry::actionDisplayName(const QString &action)
{
    if (action == AccountCreated)
        return tr("Account created");
    if (action == AccountUpdated)
        return tr("Account changed");
    if (action == AccountPasswordReset)
        return tr("Password reset by an administrator");
    if (action == AccountPasswordChanged)
        return tr("Own password changed");
    if (action == ReferenceImported)
        return tr("Reference data imported");
    if (action == CalendarYearSet)
        return tr("Calendar year set");
    if (action == CategorySet)
        return tr("Category rules set");
    if (action == WorkingDaySet)
        return tr("Office hours set");
    if (action == OrgUnitSet)
        return tr("Org unit set");
    if (action == GridCellSet)
        return tr("Grid cell set");
    if (action == PhrasesSet)
        return tr("Phrase templates set");
    if (action == IndicatorsSet)
        return tr("Indicator set set");
    if (action == MonthPublished)
        return tr("Month's assessment published");
    return Message(action);
}

namespace {

Message roleName(const QString &wire)
{
    Role role;
    return roleFromString(wire, &role) ? roleDisplayName(role) : Message(wire);
}

Message unitName(const QString &id) { return Message(OrgDirectory::builtin().nameOf(id)); }

Message yesNo(bool value)
{
    return value ? Message::translate("gw::AdminLogEntry", "yes") : Message::translate("gw::AdminLogEntry", "no");
}

// One changed field of an account, "role: A → B".
Message fieldChange(const QString &field, const QJsonValue &before, const QJsonValue &after)
{
    if (field == QLatin1String("role"))
        return Message::translate("gw::AdminLogEntry", "role: %1 → %2").arg(roleName(before.toString()), roleName(after.toString()));
    if (field == QLatin1String("orgUnit"))
        return Message::translate("gw::AdminLogEntry", "unit: %1 → %2").arg(unitName(before.toString()), unitName(after.toString()));
    if (field == QLatin1String("active"))
        return after.toBool() ? Message::translate("gw::AdminLogEntry", "enabled") : Message::translate("gw::AdminLogEntry", "disabled");
    if (field == QLatin1String("name"))
        return Message::translate("gw::AdminLogEntry", "name: %1 → %2").arg(before.toString(), after.toString());
    if (field == QLatin1String("grants")) {
        const auto grants = [](const QJsonValue &v) {
            Message text;
            for (const QString &g : v.toString().split(u',', Qt::SkipEmptyParts)) {
                const Message one = User::grantDisplayName(g);
                text = text.isEmpty() ? one : Message::translate("gw::AdminLogEntry", "%1, %2").arg(text, one);
            }
            return text.isEmpty() ? Message::translate("gw::AdminLogEntry", "none") : text;
        };
        return Message::translate("gw::AdminLogEntry", "grants: %1 → %2").arg(grants(before), grants(after));
    }
    return Message::translate("gw::AdminLogEntry", "%1: %2 → %3").arg(field, before.toVariant().toString(), after.toVariant().toString());
}

// Each entry of a "changes" object ({field: [before, after]}) described, joined with "; " in the log's order.
Message changesText(const QJsonObject &changes, const std::function<Message(const QString &, const QJsonArray &)> &describe)
{
    Message text;
    for (auto it = changes.begin(); it != changes.end(); ++it) {
        const Message one = describe(it.key(), it.value().toArray());
        text = text.isEmpty() ? one : Message::translate("gw::AdminLogEntry", "%1; %2").arg(text, one);
    }
    return text;
}

} // namespace

// A change to one named piece of reference data (a category, an org unit, a grid cell): "name (id, new): what; version n".
static Message namedChangeSummary(const QJsonObject &details, const QString &idKey, const Message &what)
{
    return AdminLogEntry::tr("%1 (%2%3): %4; version %5")
        .arg(details.value(QStringLiteral("name")).toString(), details.value(idKey).toString(),
             details.value(QStringLiteral("added")).toBool() ? AdminLogEntry::tr(", new") : Message(QString()), what)
        .arg(details.value(QStringLiteral("version")).toInt());
}

Message AdminLogEntry::summary() const
{
    if (action == AccountCreated)
        return tr("%1, %2 of %3; active: %4; must set a new password: %5")
            .arg(details.value(QStringLiteral("name")).toString(), roleName(details.value(QStringLiteral("role")).toString()),
                 unitName(details.value(QStringLiteral("orgUnit")).toString()),
                 yesNo(details.value(QStringLiteral("active")).toBool(true)),
                 yesNo(details.value(QStringLiteral("mustChangePassword")).toBool()));
    if (action == AccountUpdated)
        return changesText(details.value(QStringLiteral("changes")).toObject(),
                           [](const QString &field, const QJsonArray &pair) { return fieldChange(field, pair.at(0), pair.at(1)); });
    if (action == AccountPasswordReset)
        return tr("must set a new password: %1").arg(yesNo(details.value(QStringLiteral("mustChangePassword")).toBool()));
    if (action == CalendarYearSet)
        return tr("%1: %n holiday period(s), %2 make-up workday(s); version %3; %4", nullptr,
                  details.value(QStringLiteral("holidays")).toInt())
            .arg(details.value(QStringLiteral("year")).toInt())
            .arg(details.value(QStringLiteral("extraWorkdays")).toInt())
            .arg(details.value(QStringLiteral("version")).toInt())
            .arg(details.value(QStringLiteral("notice")).toString());
    if (action == WorkingDaySet) {
        const auto hours = [](const QJsonObject &d) {
            return tr("%1–%2, %3–%4")
                .arg(d.value(QStringLiteral("start")).toString(), d.value(QStringLiteral("lunchStart")).toString(),
                     d.value(QStringLiteral("lunchEnd")).toString(), d.value(QStringLiteral("end")).toString());
        };
        return tr("%1 → %2; version %3")
            .arg(hours(details.value(QStringLiteral("before")).toObject()), hours(details.value(QStringLiteral("after")).toObject()))
            .arg(details.value(QStringLiteral("version")).toInt());
    }
    const QJsonObject changes = details.value(QStringLiteral("changes")).toObject();
    if (action == CategorySet) {
        const Message what = changesText(changes, &Category::describeChange);
        return namedChangeSummary(details, QStringLiteral("category"), what.isEmpty() ? tr("no rule changed") : what);
    }
    if (action == OrgUnitSet || action == GridCellSet) {
        Message what = changesText(changes, &OrgDirectory::describeChange);
        if (what.isEmpty())
            what = details.value(QStringLiteral("added")).toBool() ? tr("added") : tr("nothing changed");
        return namedChangeSummary(details, action == OrgUnitSet ? QStringLiteral("unit") : QStringLiteral("code"), what);
    }
    if (action == IndicatorsSet)
        return tr("%1 (%2) in force from %3%4; version %5")
            .arg(details.value(QStringLiteral("title")).toString(), details.value(QStringLiteral("setVersion")).toString(),
                 details.value(QStringLiteral("effective")).toString(),
                 details.value(QStringLiteral("replaced")).toBool() ? tr(", replacing the set of that month") : Message(QString()))
            .arg(details.value(QStringLiteral("version")).toInt());
    if (action == MonthPublished) {
        const int revision = details.value(QStringLiteral("revision")).toInt();
        const Message what = revision > 1 ? tr("%1, revision %2 (corrected: %3)")
                                                .arg(details.value(QStringLiteral("month")).toString())
                                                .arg(revision)
                                                .arg(details.value(QStringLiteral("reason")).toString())
                                          : Message(details.value(QStringLiteral("month")).toString());
        return tr("%1; data up to server sequence %2; results %3")
            .arg(what)
            .arg(qint64(details.value(QStringLiteral("cutoffSeq")).toDouble()))
            .arg(details.value(QStringLiteral("resultHash")).toString().left(12));
    }
    if (action == PhrasesSet) {
        const auto quoted = [](const QJsonValue &list) {
            QStringList texts;
            for (const QJsonValue &v : list.toArray())
                texts.append(QStringLiteral("“%1”").arg(v.toString()));
            return texts.join(QStringLiteral("、"));
        };
        const QJsonValue added = details.value(QStringLiteral("added")), removed = details.value(QStringLiteral("removed"));
        Message what;
        if (!added.toArray().isEmpty())
            what = tr("added %1").arg(quoted(added));
        if (!removed.toArray().isEmpty()) {
            const Message gone = tr("removed %1").arg(quoted(removed));
            what = what.isEmpty() ? gone : tr("%1; %2").arg(what, gone);
        }
        if (what.isEmpty())
            what = tr("order changed");
        return tr("%1: %2; version %3")
            .arg(PhraseBook::kindDisplayName(details.value(QStringLiteral("kind")).toString()), what)
            .arg(details.value(QStringLiteral("version")).toInt());
    }
    if (action == ReferenceImported)
        return tr("version %1 from the data shipped with the server").arg(details.value(QStringLiteral("version")).toInt());
    return {};
}

AdminLogEntry::Report AdminLogEntry::verify(const QList<AdminLogEntry> &entries)
{
    QByteArray previous;
    for (int i = 0; i < entries.size(); ++i) {
        const AdminLogEntry &e = entries.at(i);
        if (e.seq != i + 1)
            return {i, tr("Administrative log entry #%1 stands where #%2 should be: an entry was removed, inserted or "
                          "moved.").arg(e.seq).arg(i + 1)};
        if (e.hash != e.computeHash())
            return {i, tr("Administrative log entry #%1 (%2, %3) was changed after it was recorded.")
                           .arg(e.seq).arg(actionDisplayName(e.action), e.subject)};
        if (e.prevHash != previous)
            return {i, tr("Administrative log entry #%1 does not follow the entry before it.").arg(e.seq)};
        previous = e.hash;
    }
    return {};
}

} // namespace gw
