#include "orgdirectory.h"
#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

namespace gw {

static Message tr(const char *text) { return Message::translate("gw::OrgDirectory", text); }

Result OrgDirectory::loadJson(const QByteArray &json)
{
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &err);
    if (err.error != QJsonParseError::NoError || !doc.isObject())
        return Result::failure("invalid_json", tr("Org unit file is not valid JSON: %1").arg(err.errorString()));
    const QJsonArray arr = doc.object().value("units").toArray();
    if (arr.isEmpty())
        return Result::failure("invalid_input", tr("Org unit file has no \"units\" list."));

    QList<OrgUnit> units;
    QHash<QString, int> index;
    for (int i = 0; i < arr.size(); ++i) {
        const QJsonObject o = arr.at(i).toObject();
        OrgUnit u;
        u.id = o.value("id").toString().trimmed();
        u.name = o.value("name").toString().trimmed();
        u.parentId = o.value("parent").toString().trimmed();
        u.active = o.value("active").toBool(true);
        if (u.id.isEmpty() || u.name.isEmpty())
            return Result::failure("invalid_input", tr("Org unit #%1 needs an id and a name.").arg(i + 1));
        if (!OrgUnit::kindFromString(o.value("kind").toString(), &u.kind))
            return Result::failure("invalid_input",
                                   tr("Org unit %1 has an unknown kind \"%2\".").arg(u.id, o.value("kind").toString()));
        if (index.contains(u.id))
            return Result::failure("invalid_input", tr("Org unit id %1 appears twice.").arg(u.id));
        index.insert(u.id, units.size());
        units.append(u);
    }
    for (const OrgUnit &u : units) {
        if (u.kind == OrgUnit::Kind::Community) {
            const auto parent = index.constFind(u.parentId);
            if (parent == index.constEnd() || units.at(*parent).kind != OrgUnit::Kind::Street)
                return Result::failure("invalid_input",
                                       tr("Community %1 must name an existing street as its parent.").arg(u.id));
        }
    }
    m_units = units;
    m_index = index;
    return Result::success();
}

Result OrgDirectory::loadFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Result::failure("io_error", tr("Cannot read org unit file %1: %2").arg(path, f.errorString()));
    return loadJson(f.readAll());
}

const OrgDirectory &OrgDirectory::builtin()
{
    static const OrgDirectory dir = [] {
        OrgDirectory d;
        const Result r = d.loadFile(QStringLiteral(":/seed/org_units.json"));
        Q_ASSERT_X(r.ok, "OrgDirectory::builtin", qPrintable(r.message));
        return d;
    }();
    return dir;
}

const OrgUnit *OrgDirectory::find(const QString &id) const
{
    const auto it = m_index.constFind(id);
    return it == m_index.constEnd() ? nullptr : &m_units.at(*it);
}

QString OrgDirectory::nameOf(const QString &id) const
{
    const OrgUnit *u = find(id);
    return u ? u->name : id;
}

QList<OrgUnit> OrgDirectory::unitsOfKind(OrgUnit::Kind kind) const
{
    QList<OrgUnit> out;
    for (const OrgUnit &u : m_units)
        if (u.kind == kind)
            out.append(u);
    return out;
}

QList<OrgUnit> OrgDirectory::communitiesOf(const QString &streetId) const
{
    QList<OrgUnit> out;
    for (const OrgUnit &u : m_units)
        if (u.kind == OrgUnit::Kind::Community && u.parentId == streetId)
            out.append(u);
    return out;
}

QString OrgDirectory::streetOf(const QString &unitId) const
{
    const OrgUnit *u = find(unitId);
    if (!u)
        return {};
    if (u->kind == OrgUnit::Kind::Street)
        return u->id;
    if (u->kind == OrgUnit::Kind::Community)
        return u->parentId;
    return {};
}

bool OrgDirectory::isKind(const QString &id, OrgUnit::Kind kind) const
{
    const OrgUnit *u = find(id);
    return u && u->kind == kind;
}

QJsonArray OrgDirectory::toJson() const
{
    QJsonArray arr;
    for (const OrgUnit &u : m_units)
        arr.append(u.toJson());
    return arr;
}

} // namespace gw
