#include "orgdirectory.h"
#include "districtdata.h"
#include <QCryptographicHash>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

namespace gw {

static Result refused(const Message &why, const QString &field)
{
    return Result::failure(QStringLiteral("invalid_input"), why, field);
}

Result OrgDirectory::load(const QJsonObject &body)
{
    const QJsonArray unitsJson = body.value("units").toArray();
    if (unitsJson.isEmpty())
        return refused(tr("The org directory has no \"units\" list."), QStringLiteral("units"));
    if (body.contains("gridCells") && !body.value("gridCells").isArray())
        return refused(tr("The org directory's \"gridCells\" must be a list."), QStringLiteral("gridCells"));
    OrgDirectory d;
    for (int i = 0; i < unitsJson.size(); ++i) {
        OrgUnit u;
        const Result read = OrgUnit::fromJson(unitsJson.at(i).toObject(), &u);
        if (!read.ok)
            return Result::failure(read.code, tr("Org unit #%1: %2").arg(i + 1).arg(read.message), read.field);
        if (d.m_index.contains(u.id))
            return refused(tr("Org unit id %1 appears twice.").arg(u.id), QStringLiteral("id"));
        d.m_index.insert(u.id, d.m_units.size());
        d.m_units.append(u);
    }
    const QJsonArray cellsJson = body.value("gridCells").toArray();
    for (int i = 0; i < cellsJson.size(); ++i) {
        GridCell c;
        const Result read = GridCell::fromJson(cellsJson.at(i).toObject(), &c);
        if (!read.ok)
            return Result::failure(read.code, tr("Grid cell #%1: %2").arg(i + 1).arg(read.message), read.field);
        d.m_gridCells.append(c);
    }
    const Result tree = d.checkTree();
    if (!tree.ok)
        return tree;
    *this = d;
    return Result::success();
}

Result OrgDirectory::checkTree() const
{
    for (const OrgUnit &u : m_units) {
        if (u.kind == OrgUnit::Kind::Community) {
            if (!isKind(u.parentId, OrgUnit::Kind::Street))
                return refused(tr("Community %1 must name an existing street as its parent.").arg(u.id),
                               QStringLiteral("parent"));
        } else if (!u.parentId.isEmpty()) {
            return refused(tr("Only a community has a parent unit; %1 is %2.").arg(u.id, OrgUnit::kindDisplayName(u.kind)),
                           QStringLiteral("parent"));
        }
    }
    QSet<QString> codes, names;
    for (const GridCell &c : m_gridCells) {
        if (codes.contains(c.code))
            return refused(tr("Grid cell code %1 is already used.").arg(c.code), QStringLiteral("code"));
        codes.insert(c.code);
        const QString nameKey = c.communityId + u'\n' + c.name;
        if (names.contains(nameKey))
            return refused(tr("%1 already has a grid cell named %2.").arg(nameOf(c.communityId), c.name),
                           QStringLiteral("name"));
        names.insert(nameKey);
        if (!isKind(c.communityId, OrgUnit::Kind::Community))
            return refused(tr("Grid cell %1 must belong to an existing community; \"%2\" is not one.")
                               .arg(c.code, c.communityId.left(64)),
                           QStringLiteral("community"));
    }
    return Result::success();
}

Result OrgDirectory::loadJson(const QByteArray &json)
{
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &err);
    if (err.error != QJsonParseError::NoError || !doc.isObject())
        return Result::failure("invalid_json", tr("Org unit file is not valid JSON: %1").arg(err.errorString()));
    return load(doc.object());
}

Result OrgDirectory::loadFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Result::failure("io_error", tr("Cannot read org unit file %1: %2").arg(path, f.errorString()));
    return loadJson(f.readAll());
}

QJsonObject OrgDirectory::toBody() const
{
    QJsonArray cells;
    for (const GridCell &c : m_gridCells)
        cells.append(c.toJson());
    return {{QStringLiteral("units"), toJson()}, {QStringLiteral("gridCells"), cells}};
}

OrgDirectory OrgDirectory::shipped() { return loadShipped<OrgDirectory>(QStringLiteral(":/seed/org_units.json")); }

const OrgDirectory &OrgDirectory::builtin() { return districtData<OrgDirectory>(); }

void OrgDirectory::installDistrict(const OrgDirectory &directory) { districtData<OrgDirectory>() = directory; }

Result OrgDirectory::setUnit(const OrgUnit &unit, bool adding)
{
    OrgUnit checked;
    const Result read = OrgUnit::fromJson(unit.toJson(), &checked);
    if (!read.ok)
        return read;
    OrgDirectory d = *this;
    const auto existing = d.m_index.constFind(checked.id);
    if (adding && existing != d.m_index.constEnd())
        return refused(tr("Org unit code %1 is already used by %2.").arg(checked.id, d.m_units.at(*existing).name),
                       QStringLiteral("id"));
    if (!adding && existing == d.m_index.constEnd())
        return Result::failure(QStringLiteral("not_found"), tr("There is no org unit %1.").arg(checked.id),
                               QStringLiteral("id"));
    if (adding) {
        // A new street or command center also needs the city platform's area code and the assessment's place in
        // the year; they come with a new version of the program, not from the console.
        if (checked.kind != OrgUnit::Kind::Community && checked.kind != OrgUnit::Kind::Department)
            return refused(tr("Only communities and departments are added here; %1 is %2.")
                               .arg(checked.name, OrgUnit::kindDisplayName(checked.kind)),
                           QStringLiteral("kind"));
        d.m_index.insert(checked.id, d.m_units.size());
        d.m_units.append(checked);
    } else {
        OrgUnit &stored = d.m_units[*existing];
        if (stored.kind != checked.kind)
            return refused(tr("%1 stays %2: cases and accounts name it.").arg(stored.name, OrgUnit::kindDisplayName(stored.kind)),
                           QStringLiteral("kind"));
        // A community's cases were registered under its street; the record of them must replay the same forever.
        if (stored.parentId != checked.parentId)
            return refused(tr("%1 stays under %2: its cases were registered there. Add a new community under the other "
                              "street and stop using this one.")
                               .arg(stored.name, nameOf(stored.parentId)),
                           QStringLiteral("parent"));
        stored = checked;
    }
    const Result tree = d.checkTree();
    if (!tree.ok)
        return tree;
    *this = d;
    return Result::success();
}

Result OrgDirectory::setGridCell(const GridCell &cell, bool adding)
{
    GridCell checked;
    const Result read = GridCell::fromJson(cell.toJson(), &checked);
    if (!read.ok)
        return read;
    OrgDirectory d = *this;
    const GridCell *existing = d.findGridCell(checked.code);
    if (adding && existing)
        return refused(tr("Grid cell code %1 is already used by %2.").arg(checked.code, existing->name),
                       QStringLiteral("code"));
    if (!adding && !existing)
        return Result::failure(QStringLiteral("not_found"), tr("There is no grid cell %1.").arg(checked.code),
                               QStringLiteral("code"));
    if (adding)
        d.m_gridCells.append(checked);
    else
        for (GridCell &c : d.m_gridCells)
            if (c.code == checked.code)
                c = checked;
    const Result tree = d.checkTree();
    if (!tree.ok)
        return tree;
    *this = d;
    return Result::success();
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

QList<GridCell> OrgDirectory::gridCellsOf(const QString &communityId) const
{
    QList<GridCell> out;
    for (const GridCell &c : m_gridCells)
        if (c.communityId == communityId)
            out.append(c);
    return out;
}

const GridCell *OrgDirectory::findGridCell(const QString &code) const
{
    for (const GridCell &c : m_gridCells)
        if (c.code == code)
            return &c;
    return nullptr;
}

namespace {
int positions(const QJsonValue &v)
{
    const QJsonArray a = v.toArray();
    if (!a.isEmpty() && a.first().isDouble())
        return 1;
    int n = 0;
    for (const QJsonValue &inner : a)
        n += positions(inner);
    return n;
}

// A unit's or cell's JSON one level deep ("duty.phone"); its area as the number of positions it has (a changed
// polygon is logged as changed, not copied into the log).
QJsonObject flattened(const QJsonObject &o)
{
    QJsonObject out;
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (it.key() == QLatin1String("area")) {
            // "<positions> <short hash>": a moved corner is a change even when the count stays.
            const QByteArray bytes = QJsonDocument(it.value().toObject()).toJson(QJsonDocument::Compact);
            out.insert(it.key(), QStringLiteral("%1 %2")
                                     .arg(positions(it.value().toObject().value(QLatin1String("coordinates"))))
                                     .arg(QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256)
                                                                  .toHex()
                                                                  .left(8))));
        } else if (it.value().isObject()) {
            const QJsonObject inner = it.value().toObject();
            for (auto in = inner.begin(); in != inner.end(); ++in)
                out.insert(it.key() + u'.' + in.key(), in.value());
        } else {
            out.insert(it.key(), it.value());
        }
    }
    return out;
}
} // namespace

QJsonObject OrgDirectory::changes(const QJsonObject &before, const QJsonObject &after)
{
    const QJsonObject a = flattened(before);
    const QJsonObject b = flattened(after);
    QJsonObject out;
    QStringList keys = a.keys() + b.keys();
    keys.removeDuplicates();
    for (const QString &key : keys)
        if (a.value(key) != b.value(key))
            out.insert(key, QJsonArray{a.value(key), b.value(key)});
    return out;
}

Message OrgDirectory::describeChange(const QString &field, const QJsonArray &beforeAfter)
{
    static const QHash<QString, const char *> labels{
        {QStringLiteral("id"), QT_TRANSLATE_NOOP("gw::OrgDirectory", "code")},
        {QStringLiteral("code"), QT_TRANSLATE_NOOP("gw::OrgDirectory", "code")},
        {QStringLiteral("name"), QT_TRANSLATE_NOOP("gw::OrgDirectory", "name")},
        {QStringLiteral("kind"), QT_TRANSLATE_NOOP("gw::OrgDirectory", "kind")},
        {QStringLiteral("parent"), QT_TRANSLATE_NOOP("gw::OrgDirectory", "street")},
        {QStringLiteral("community"), QT_TRANSLATE_NOOP("gw::OrgDirectory", "community")},
        {QStringLiteral("active"), QT_TRANSLATE_NOOP("gw::OrgDirectory", "in use")},
        {QStringLiteral("duty.name"), QT_TRANSLATE_NOOP("gw::OrgDirectory", "duty contact")},
        {QStringLiteral("duty.phone"), QT_TRANSLATE_NOOP("gw::OrgDirectory", "duty phone")},
        {QStringLiteral("area"), QT_TRANSLATE_NOOP("gw::OrgDirectory", "area")}};
    const auto shown = [&](const QJsonValue &v) -> Message {
        if (v.isUndefined() || v.isNull() || (v.isString() && v.toString().isEmpty()))
            return Message(QStringLiteral("—"));
        if (v.isBool())
            return v.toBool() ? tr("yes") : tr("no");
        if (field == QLatin1String("area"))
            return tr("GeoJSON, %n position(s)", nullptr, v.toString().section(u' ', 0, 0).toInt());
        if (field == QLatin1String("parent") || field == QLatin1String("community"))
            return Message(builtin().nameOf(v.toString()));
        return Message(v.toVariant().toString());
    };
    const char *label = labels.value(field);
    return tr("%1: %2 → %3")
        .arg(label ? tr(label) : Message(field), shown(beforeAfter.at(0)), shown(beforeAfter.at(1)));
}

QString OrgDirectory::gridCellLabel(const QString &code) const
{
    const GridCell *c = findGridCell(code);
    return c ? tr("%1 (%2)").arg(c->name, c->code).text() : code;
}

} // namespace gw
