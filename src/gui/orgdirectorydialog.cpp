#include "orgdirectorydialog.h"
#include "accesspolicy.h"
#include "casestore.h"
#include "formvalidation.h"
#include "referenceadminclient.h"
#include "referencecache.h"
#include "syncengine.h"
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <functional>

namespace gw {

namespace {

const QString ErrorStyle = QStringLiteral("border: 2px solid #c62828;");
// Tree items carry "unit:<id>" or "cell:<code>"; group rows carry nothing.
const QString UnitPrefix = QStringLiteral("unit:");
const QString CellPrefix = QStringLiteral("cell:");

QString unitKey(const QString &id) { return UnitPrefix + id; }
QString cellKey(const QString &code) { return CellPrefix + code; }

// The next code after the community's last numeric one ("530103001001002" → "...003"); empty when there is none,
// or when it would leave the community's range (the last three digits number its cells).
QString nextCellCode(const OrgDirectory &org, const QString &communityId)
{
    QString last;
    for (const GridCell &c : org.gridCellsOf(communityId)) {
        bool numeric = false;
        if (c.code.size() > 3 && c.code.toULongLong(&numeric) > 0 && numeric && c.code.toULongLong() > last.toULongLong())
            last = c.code;
    }
    if (last.isEmpty())
        return {};
    const QString next = QStringLiteral("%1").arg(last.toULongLong() + 1, int(last.size()), 10, QLatin1Char('0'));
    return next.size() == last.size() && next.left(next.size() - 3) == last.left(last.size() - 3) ? next : QString();
}

// The geometry of a GeoJSON text: a geometry itself, a Feature, or a FeatureCollection holding one feature.
QJsonObject geometryOf(const QJsonObject &o)
{
    const QString type = o.value(QLatin1String("type")).toString();
    if (type == QLatin1String("Feature"))
        return o.value(QLatin1String("geometry")).toObject();
    if (type == QLatin1String("FeatureCollection")) {
        const QJsonArray features = o.value(QLatin1String("features")).toArray();
        return features.size() == 1 ? geometryOf(features.first().toObject()) : QJsonObject{{"type", type}};
    }
    return o;
}

} // namespace

OrgDirectoryDialog::OrgDirectoryDialog(SyncEngine *sync, CaseStore *store, QWidget *parent)
    : QDialog(parent), m_sync(sync), m_store(store), m_client(new ReferenceAdminClient(sync, store, this))
{
    setObjectName(QStringLiteral("orgDirectoryDialog"));
    setWindowTitle(tr("Org directory and grid cells"));
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("orgStatus"));
    m_status->setWordWrap(true);

    m_tree = new QTreeWidget(this);
    m_tree->setObjectName(QStringLiteral("orgTree"));
    m_tree->setColumnCount(2);
    m_tree->setHeaderLabels({tr("Unit / grid cell"), tr("Code")});
    m_tree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_tree->header()->setStretchLastSection(false);
    m_tree->setMinimumWidth(360);
    m_newCommunity = new QPushButton(tr("New community"), this);
    m_newCommunity->setObjectName(QStringLiteral("newCommunityButton"));
    m_newCell = new QPushButton(tr("New grid cell"), this);
    m_newCell->setObjectName(QStringLiteral("newGridCellButton"));
    m_newDepartment = new QPushButton(tr("New department"), this);
    m_newDepartment->setObjectName(QStringLiteral("newDepartmentButton"));
    auto *newRow = new QHBoxLayout;
    newRow->addWidget(m_newCommunity);
    newRow->addWidget(m_newCell);
    newRow->addWidget(m_newDepartment);
    auto *left = new QVBoxLayout;
    left->addWidget(m_tree, 1);
    left->addLayout(newRow);

    m_title = FormValidation::makeTitle(QStringLiteral("orgTitle"), this);
    // One page shown at a time; a hidden page takes no room, so the error line sits right under the form.
    m_pages = {new QWidget(this), buildUnitForm(), buildCellForm()};
    m_forms = new QWidget(this);
    auto *pages = new QVBoxLayout(m_forms);
    pages->setContentsMargins(0, 0, 0, 0);
    for (QWidget *page : std::as_const(m_pages))
        pages->addWidget(page);
    showPage(0);
    m_error = FormValidation::makeErrorLabel(m_forms, this);
    m_error->setObjectName(QStringLiteral("orgError"));
    m_save = new QPushButton(tr("Save on the server"), this);
    m_save->setObjectName(QStringLiteral("saveButton"));
    m_save->setDefault(true);
    auto *saveRow = new QHBoxLayout;
    saveRow->addStretch(1);
    saveRow->addWidget(m_save);
    auto *right = new QVBoxLayout;
    right->addWidget(m_title);
    right->addWidget(m_forms);
    right->addWidget(m_error);
    right->addStretch(1);
    right->addLayout(saveRow);

    auto *columns = new QHBoxLayout;
    columns->addLayout(left, 5);
    columns->addLayout(right, 6);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_status);
    layout->addLayout(columns, 1);
    layout->addWidget(buttons);

    connect(m_tree, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *item) {
        const QString key = item ? item->data(0, Qt::UserRole).toString() : QString();
        if (key.startsWith(UnitPrefix))
            showUnit(key.mid(UnitPrefix.size()));
        else if (key.startsWith(CellPrefix))
            showGridCell(key.mid(CellPrefix.size()));
    });
    connect(m_newCommunity, &QPushButton::clicked, this, [this] { startNewUnit(OrgUnit::Kind::Community, selectedStreet()); });
    connect(m_newDepartment, &QPushButton::clicked, this, [this] { startNewUnit(OrgUnit::Kind::Department); });
    connect(m_newCell, &QPushButton::clicked, this, [this] { startNewGridCell(); });
    connect(m_save, &QPushButton::clicked, this, &OrgDirectoryDialog::save);
    connect(m_importArea, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Import grid cell area"), QString(),
                                                          tr("GeoJSON (*.geojson *.json)"));
        if (!path.isEmpty())
            importArea(path);
    });
    connect(m_client, &ReferenceAdminClient::busyChanged, this, [this](bool busy) {
        // The answer is about the unit or cell shown: nothing else is opened or edited until it comes.
        for (QWidget *w : std::initializer_list<QWidget *>{m_tree, m_forms, m_newCommunity, m_newCell, m_newDepartment})
            w->setEnabled(!busy && (w == m_tree || w == m_forms || !m_readOnly));
        m_save->setEnabled(!busy && !m_readOnly);
    });
    connect(m_client, &ReferenceAdminClient::failed, this, [this](const QString &message, const QString &field) {
        markFieldError(field, message);
        showStatus(tr("Not saved: %1").arg(message), true);
    });
    connect(m_client, &ReferenceAdminClient::conflicted, this, [this](const QString &, const QString &message) {
        showSaved(m_saving);  // another administrator's version, now cached here; the edit is to be made again
        showStatus(tr("Not saved: %1").arg(message), true);
    });
    connect(m_client, &ReferenceAdminClient::orgSaved, this, [this](const ReferenceSet &set) {
        const QString key = m_saving;
        showSaved(key);
        showStatus(tr("Saved as version %1 of the org directory. Other computers use it from their next sync; this one "
                      "already does.").arg(set.version),
                   false);
        Q_EMIT saved(key);
    });

    fillTree();
    fillParents();
    if (m_tree->topLevelItemCount() > 1)
        m_tree->setCurrentItem(m_tree->topLevelItem(1));
    if (!m_sync || !m_sync->isLoggedIn())
        setReadOnly(true, tr("Working offline: the org directory is shown as last synced and cannot be changed. It is "
                             "kept on the district server; sign in online to change it."));
    else if (!AccessPolicy::canManageReferenceData(m_sync->currentUser()))
        setReadOnly(true, tr("Only administrators change the district's org directory and grid cells."));
    else
        showDirectoryState();
    resize(1100, 640);
}

QWidget *OrgDirectoryDialog::buildUnitForm()
{
    auto *page = new QWidget(this);
    m_unitId = new QLineEdit(page);
    m_unitId->setObjectName(QStringLiteral("unitIdEdit"));
    m_unitId->setPlaceholderText(tr("e.g. community.tuodong.4"));
    m_unitName = new QLineEdit(page);
    m_unitName->setObjectName(QStringLiteral("unitNameEdit"));
    m_unitName->setMaxLength(OrgUnit::MaxName);
    m_unitKind = new QLabel(page);
    m_unitKind->setObjectName(QStringLiteral("unitKindLabel"));
    m_unitStreet = new QComboBox(page);
    m_unitStreet->setObjectName(QStringLiteral("unitStreetCombo"));
    m_dutyName = new QLineEdit(page);
    m_dutyName->setObjectName(QStringLiteral("dutyNameEdit"));
    m_dutyName->setMaxLength(OrgUnit::MaxName);
    m_dutyName->setPlaceholderText(tr("e.g. 值班室"));
    m_dutyPhone = new QLineEdit(page);
    m_dutyPhone->setObjectName(QStringLiteral("dutyPhoneEdit"));
    m_dutyPhone->setPlaceholderText(tr("e.g. 0871-63110001"));
    m_unitActive = new QCheckBox(tr("In use (offered in forms)"), page);
    m_unitActive->setObjectName(QStringLiteral("unitActiveCheck"));
    auto *form = new QFormLayout(page);
    m_unitForm = form;
    form->addRow(tr("Code:"), m_unitId);
    form->addRow(tr("Name:"), m_unitName);
    form->addRow(tr("Kind:"), m_unitKind);
    form->addRow(tr("Street:"), m_unitStreet);
    form->addRow(tr("Duty contact:"), m_dutyName);
    form->addRow(tr("Duty phone:"), m_dutyPhone);
    form->addRow(QString(), m_unitActive);
    auto *hint = new QLabel(tr("A unit's code never changes once saved: cases, accounts and assessments name it. A unit "
                               "no longer in use is kept for the cases it has, and no longer offered in forms."),
                            page);
    hint->setWordWrap(true);
    hint->setStyleSheet(QStringLiteral("color: #555;"));
    form->addRow(hint);
    return page;
}

QWidget *OrgDirectoryDialog::buildCellForm()
{
    auto *page = new QWidget(this);
    m_cellCode = new QLineEdit(page);
    m_cellCode->setObjectName(QStringLiteral("cellCodeEdit"));
    m_cellCode->setPlaceholderText(tr("e.g. 530103001001003"));
    m_cellName = new QLineEdit(page);
    m_cellName->setObjectName(QStringLiteral("cellNameEdit"));
    m_cellName->setMaxLength(GridCell::MaxName);
    m_cellCommunity = new QComboBox(page);
    m_cellCommunity->setObjectName(QStringLiteral("cellCommunityCombo"));
    m_cellArea = new QPlainTextEdit(page);
    m_cellArea->setObjectName(QStringLiteral("cellAreaEdit"));
    m_cellArea->setPlaceholderText(tr("Optional: the cell's boundary as GeoJSON (a Polygon or MultiPolygon in WGS 84 "
                                      "longitude/latitude), pasted or imported from a file."));
    m_cellArea->setMinimumHeight(110);
    m_importArea = new QPushButton(tr("Import from file…"), page);
    m_importArea->setObjectName(QStringLiteral("importAreaButton"));
    m_cellActive = new QCheckBox(tr("In use (offered in forms)"), page);
    m_cellActive->setObjectName(QStringLiteral("cellActiveCheck"));
    m_areaSummary = new QLabel(page);
    m_areaSummary->setObjectName(QStringLiteral("areaSummary"));
    m_areaSummary->setStyleSheet(QStringLiteral("color: #555;"));
    auto *areaRow = new QHBoxLayout;
    areaRow->addWidget(m_importArea);
    areaRow->addWidget(m_areaSummary, 1);
    auto *areaColumn = new QVBoxLayout;
    areaColumn->addWidget(m_cellArea);
    areaColumn->addLayout(areaRow);
    connect(m_cellArea, &QPlainTextEdit::textChanged, this, &OrgDirectoryDialog::updateAreaSummary);
    auto *form = new QFormLayout(page);
    form->addRow(tr("Grid cell code:"), m_cellCode);
    form->addRow(tr("Name:"), m_cellName);
    form->addRow(tr("Community:"), m_cellCommunity);
    form->addRow(tr("Area:"), areaColumn);
    form->addRow(QString(), m_cellActive);
    auto *hint = new QLabel(tr("Grid cell codes follow the district's numbering (GB/T 30428: district 6 digits, street 3, "
                               "community 3, cell 3). The registration form offers the cells of the chosen community."),
                            page);
    hint->setWordWrap(true);
    hint->setStyleSheet(QStringLiteral("color: #555;"));
    form->addRow(hint);
    return page;
}

QString OrgDirectoryDialog::statusText() const { return m_status->text(); }

QString OrgDirectoryDialog::fieldError() const { return m_error->isHidden() ? QString() : m_error->text(); }

void OrgDirectoryDialog::fillTree()
{
    const OrgDirectory &org = OrgDirectory::builtin();
    const QSignalBlocker block(m_tree);
    m_tree->clear();
    const auto add = [this](QTreeWidgetItem *parent, const QString &name, const QString &code, const QString &key,
                            bool active) {
        auto *item = parent ? new QTreeWidgetItem(parent) : new QTreeWidgetItem(m_tree);
        item->setText(0, active ? name : tr("%1 (not in use)").arg(name));
        item->setText(1, code);
        item->setData(0, Qt::UserRole, key);
        if (!active)
            for (int c = 0; c < 2; ++c)
                item->setForeground(c, QColor(0x88, 0x88, 0x88));
        return item;
    };
    for (const OrgUnit &center : org.unitsOfKind(OrgUnit::Kind::Center))
        add(nullptr, center.name, center.id, unitKey(center.id), center.active);
    for (const OrgUnit &street : org.unitsOfKind(OrgUnit::Kind::Street)) {
        QTreeWidgetItem *streetItem = add(nullptr, street.name, street.id, unitKey(street.id), street.active);
        for (const OrgUnit &community : org.communitiesOf(street.id)) {
            QTreeWidgetItem *communityItem =
                add(streetItem, community.name, community.id, unitKey(community.id), community.active);
            for (const GridCell &cell : org.gridCellsOf(community.id))
                add(communityItem, cell.name, cell.code, cellKey(cell.code), cell.active);
        }
    }
    QTreeWidgetItem *departments = add(nullptr, tr("Departments"), QString(), QString(), true);
    departments->setFlags(Qt::ItemIsEnabled);
    for (const OrgUnit &d : org.unitsOfKind(OrgUnit::Kind::Department))
        add(departments, d.name, d.id, unitKey(d.id), d.active);
    departments->setExpanded(true);
    if (!m_key.isEmpty())
        selectInTree(m_subject == Subject::GridCell ? cellKey(m_key) : unitKey(m_key));
}

void OrgDirectoryDialog::fillParents()
{
    const OrgDirectory &org = OrgDirectory::builtin();
    const QSignalBlocker blockStreets(m_unitStreet);
    const QSignalBlocker blockCommunities(m_cellCommunity);
    m_unitStreet->clear();
    m_cellCommunity->clear();
    for (const OrgUnit &street : org.unitsOfKind(OrgUnit::Kind::Street)) {
        m_unitStreet->addItem(street.name, street.id);
        for (const OrgUnit &community : org.communitiesOf(street.id))
            m_cellCommunity->addItem(tr("%1 · %2").arg(street.name, community.name), community.id);
    }
}

void OrgDirectoryDialog::selectInTree(const QString &key)
{
    const QSignalBlocker block(m_tree);
    for (QTreeWidgetItemIterator it(m_tree); *it; ++it)
        if ((*it)->data(0, Qt::UserRole).toString() == key) {
            m_tree->setCurrentItem(*it);
            m_tree->scrollToItem(*it);
            return;
        }
}

QString OrgDirectoryDialog::selectedCommunity() const
{
    const OrgDirectory &org = OrgDirectory::builtin();
    if (m_subject == Subject::GridCell)
        return m_cellCommunity->currentData().toString();
    if (m_subject == Subject::Unit && org.isKind(m_key, OrgUnit::Kind::Community))
        return m_key;
    return {};
}

QString OrgDirectoryDialog::selectedStreet() const
{
    const QString community = selectedCommunity();
    if (!community.isEmpty())
        return OrgDirectory::builtin().streetOf(community);
    return m_subject == Subject::Unit ? OrgDirectory::builtin().streetOf(m_key) : QString();
}

void OrgDirectoryDialog::showSaved(const QString &key)
{
    fillTree();
    fillParents();
    if (key.startsWith(CellPrefix))
        showGridCell(key.mid(CellPrefix.size()));
    else
        showUnit(key.mid(UnitPrefix.size()));
}

void OrgDirectoryDialog::showUnit(const QString &id)
{
    const OrgUnit *unit = OrgDirectory::builtin().find(id);
    if (!unit)
        return;
    clearFieldErrors();
    m_subject = Subject::Unit;
    m_key = id;
    m_adding = false;
    m_shownFrom = unit->toJson();
    m_unitKindValue = unit->kind;
    m_title->setText(tr("%1 (%2)").arg(unit->name, unit->id));
    m_unitId->setText(unit->id);
    m_unitName->setText(unit->name);
    m_unitKind->setText(OrgUnit::kindDisplayName(unit->kind).text());
    m_unitStreet->setCurrentIndex(m_unitStreet->findData(unit->parentId));
    m_dutyName->setText(unit->dutyName);
    m_dutyPhone->setText(unit->dutyPhone);
    m_unitActive->setChecked(unit->active);
    showPage(1);
    selectInTree(unitKey(id));
    updateEditable();
}

void OrgDirectoryDialog::showGridCell(const QString &code)
{
    const GridCell *cell = OrgDirectory::builtin().findGridCell(code);
    if (!cell)
        return;
    clearFieldErrors();
    m_subject = Subject::GridCell;
    m_key = code;
    m_adding = false;
    m_shownFrom = cell->toJson();
    m_title->setText(tr("%1 (%2)").arg(cell->name, cell->code));
    m_cellCode->setText(cell->code);
    m_cellName->setText(cell->name);
    m_cellCommunity->setCurrentIndex(m_cellCommunity->findData(cell->communityId));
    m_cellArea->setPlainText(cell->area.isEmpty() ? QString()
                                                  : QString::fromUtf8(QJsonDocument(cell->area).toJson(QJsonDocument::Compact)));
    m_cellActive->setChecked(cell->active);
    showPage(2);
    selectInTree(cellKey(code));
    updateEditable();
}

void OrgDirectoryDialog::startNewGridCell(const QString &communityId)
{
    const QString community = communityId.isEmpty() ? selectedCommunity() : communityId;
    clearFieldErrors();
    m_subject = Subject::GridCell;
    m_key.clear();
    m_adding = true;
    m_title->setText(tr("New grid cell"));
    m_cellCommunity->setCurrentIndex(qMax(0, m_cellCommunity->findData(community)));
    m_cellCode->setText(nextCellCode(OrgDirectory::builtin(), m_cellCommunity->currentData().toString()));
    m_cellName->clear();
    m_cellArea->clear();
    m_cellActive->setChecked(true);
    showPage(2);
    updateEditable();
    m_cellCode->setFocus();
}

void OrgDirectoryDialog::startNewUnit(OrgUnit::Kind kind, const QString &streetId)
{
    clearFieldErrors();
    m_subject = Subject::Unit;
    m_key.clear();
    m_adding = true;
    m_unitKindValue = kind;
    m_title->setText(kind == OrgUnit::Kind::Department ? tr("New department") : tr("New community"));
    m_unitId->setText(kind == OrgUnit::Kind::Department ? QStringLiteral("dept.") : QStringLiteral("community."));
    m_unitName->clear();
    m_unitKind->setText(OrgUnit::kindDisplayName(kind).text());
    m_unitStreet->setCurrentIndex(kind == OrgUnit::Kind::Community ? qMax(0, m_unitStreet->findData(streetId)) : -1);
    m_dutyName->clear();
    m_dutyPhone->clear();
    m_unitActive->setChecked(true);
    showPage(1);
    updateEditable();
    m_unitId->setFocus();
}

void OrgDirectoryDialog::showPage(int index)
{
    for (int i = 0; i < m_pages.size(); ++i)
        m_pages[i]->setVisible(i == index);
    m_unitForm->setRowVisible(m_unitStreet, m_unitKindValue == OrgUnit::Kind::Community);
}

void OrgDirectoryDialog::updateAreaSummary()
{
    QString problem;
    const GridCell cell = editedCell(&problem);
    if (!problem.isEmpty() || cell.area.isEmpty()) {
        m_areaSummary->setText(problem.isEmpty() ? tr("No area: the cell is not drawn on maps.") : QString());
        return;
    }
    // The extent, so the administrator can tell at a glance whether a file holds the right place.
    double west = 180, east = -180, south = 90, north = -90;
    int points = 0;
    std::function<void(const QJsonArray &)> walk = [&](const QJsonArray &a) {
        if (a.size() >= 2 && a.at(0).isDouble()) {
            west = qMin(west, a.at(0).toDouble());
            east = qMax(east, a.at(0).toDouble());
            south = qMin(south, a.at(1).toDouble());
            north = qMax(north, a.at(1).toDouble());
            ++points;
            return;
        }
        for (const QJsonValue &v : a)
            walk(v.toArray());
    };
    walk(cell.area.value(QLatin1String("coordinates")).toArray());
    const Result fits = GridCell::checkArea(cell.area);
    m_areaSummary->setText(fits.ok ? tr("%n position(s); longitude %1–%2, latitude %3–%4", nullptr, points)
                                         .arg(west, 0, 'f', 4)
                                         .arg(east, 0, 'f', 4)
                                         .arg(south, 0, 'f', 4)
                                         .arg(north, 0, 'f', 4)
                                   : fits.message.text());
}

void OrgDirectoryDialog::updateEditable()
{
    // A code is chosen once: cases, accounts and assessments name it.
    m_unitId->setReadOnly(m_readOnly || !m_adding);
    m_cellCode->setReadOnly(m_readOnly || !m_adding);
    // A community stays under the street its cases were registered in (OrgDirectory::setUnit).
    m_unitStreet->setEnabled(!m_readOnly && m_adding && m_unitKindValue == OrgUnit::Kind::Community);
    m_save->setEnabled(!m_readOnly && m_subject != Subject::None && !m_client->isBusy());
}

OrgUnit OrgDirectoryDialog::editedUnit() const
{
    OrgUnit u;
    u.id = m_unitId->text().trimmed();
    u.name = m_unitName->text().trimmed();
    u.kind = m_unitKindValue;
    u.parentId = u.kind == OrgUnit::Kind::Community ? m_unitStreet->currentData().toString() : QString();
    u.dutyName = m_dutyName->text().trimmed();
    u.dutyPhone = m_dutyPhone->text().trimmed();
    u.active = m_unitActive->isChecked();
    return u;
}

GridCell OrgDirectoryDialog::editedCell(QString *areaProblem) const
{
    GridCell c;
    c.code = m_cellCode->text().trimmed();
    c.name = m_cellName->text().trimmed();
    c.communityId = m_cellCommunity->currentData().toString();
    c.active = m_cellActive->isChecked();
    const QString area = m_cellArea->toPlainText().trimmed();
    if (!area.isEmpty()) {
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(area.toUtf8(), &error);
        if (error.error != QJsonParseError::NoError || !doc.isObject())
            *areaProblem = tr("The area is not GeoJSON: %1 at character %2.").arg(error.errorString()).arg(error.offset);
        else
            c.area = geometryOf(doc.object());
    }
    return c;
}

bool OrgDirectoryDialog::importArea(const QString &path)
{
    QFile file(path);
    if (file.size() > 4 * 1024 * 1024 || !file.open(QIODevice::ReadOnly)) {
        markFieldError(QStringLiteral("area"), tr("%1 cannot be read, or is larger than 4 MB.").arg(path));
        return false;
    }
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &error);
    const QJsonObject geometry = doc.isObject() ? geometryOf(doc.object()) : QJsonObject();
    const Result fits = error.error == QJsonParseError::NoError ? GridCell::checkArea(geometry)
                                                                : Result::failure(QStringLiteral("invalid_input"),
                                                                                  Message(error.errorString()));
    if (!fits.ok || geometry.isEmpty()) {
        markFieldError(QStringLiteral("area"), tr("%1 holds no usable area: %2").arg(path, fits.message.text()));
        return false;
    }
    clearFieldErrors();
    m_cellArea->setPlainText(QString::fromUtf8(QJsonDocument(geometry).toJson(QJsonDocument::Compact)));
    return true;
}

void OrgDirectoryDialog::save()
{
    if (m_readOnly || m_subject == Subject::None || m_client->isBusy())
        return;
    clearFieldErrors();
    showStatus(tr("Saving on the district server…"), false);
    if (m_subject == Subject::Unit) {
        const OrgUnit unit = editedUnit();
        m_saving = unitKey(unit.id);
        m_client->saveOrgUnit(unit, m_adding, m_shownFrom);
        return;
    }
    QString areaProblem;
    const GridCell cell = editedCell(&areaProblem);
    if (!areaProblem.isEmpty()) {
        markFieldError(QStringLiteral("area"), areaProblem);
        showStatus(tr("Not saved: %1").arg(areaProblem), true);
        return;
    }
    m_saving = cellKey(cell.code);
    m_client->saveGridCell(cell, m_adding, m_shownFrom);
}

void OrgDirectoryDialog::markFieldError(const QString &field, const QString &message)
{
    FormValidation::showError(m_error, message);
    const bool cell = m_subject == Subject::GridCell;
    QWidget *widget = nullptr;
    if (field == QLatin1String("id") || field == QLatin1String("code"))
        widget = cell ? static_cast<QWidget *>(m_cellCode) : m_unitId;
    else if (field == QLatin1String("name"))
        widget = cell ? static_cast<QWidget *>(m_cellName) : m_unitName;
    else if (field == QLatin1String("parent"))
        widget = m_unitStreet;
    else if (field == QLatin1String("community"))
        widget = m_cellCommunity;
    else if (field == QLatin1String("area"))
        widget = m_cellArea;
    else if (field == QLatin1String("dutyName"))
        widget = m_dutyName;
    else if (field == QLatin1String("dutyPhone"))
        widget = m_dutyPhone;
    if (widget) {
        widget->setStyleSheet(ErrorStyle);
        widget->setFocus();
    }
}

void OrgDirectoryDialog::clearFieldErrors()
{
    FormValidation::clearError(m_error);
    for (QWidget *w : std::initializer_list<QWidget *>{m_unitId, m_unitName, m_unitStreet, m_dutyName, m_dutyPhone,
                                                       m_cellCode, m_cellName, m_cellCommunity, m_cellArea})
        w->setStyleSheet(QString());
}

void OrgDirectoryDialog::showStatus(const QString &message, bool problem)
{
    FormValidation::showStatus(m_status, message, problem);
}

void OrgDirectoryDialog::showDirectoryState()
{
    const OrgDirectory &org = OrgDirectory::builtin();
    const std::optional<ReferenceSet> held = ReferenceCache(m_store->journal()).held(ReferenceSet::Org);
    const QString counts = tr("%1 streets, %2 communities, %3 grid cells, %4 departments.")
                               .arg(org.unitsOfKind(OrgUnit::Kind::Street).size())
                               .arg(org.unitsOfKind(OrgUnit::Kind::Community).size())
                               .arg(org.gridCells().size())
                               .arg(org.unitsOfKind(OrgUnit::Kind::Department).size());
    showStatus(held ? tr("The district's org directory, version %1, changed by %2 at %3. %4")
                          .arg(held->version)
                          .arg(held->changedBy, FormValidation::displayTime(held->changedAt), counts)
                    : tr("The org directory shipped with GridWhistle; the district server's arrives with the next sync. %1")
                          .arg(counts),
               false);
}

void OrgDirectoryDialog::setReadOnly(bool readOnly, const QString &reason)
{
    m_readOnly = readOnly;
    for (QLineEdit *edit : {m_unitName, m_dutyName, m_dutyPhone, m_cellName})
        edit->setReadOnly(readOnly);
    m_cellArea->setReadOnly(readOnly);
    for (QWidget *w : std::initializer_list<QWidget *>{m_cellCommunity, m_unitActive, m_cellActive, m_importArea,
                                                       m_newCommunity, m_newCell, m_newDepartment})
        w->setEnabled(!readOnly);
    updateEditable();
    if (readOnly)
        showStatus(reason, true);
}

} // namespace gw
