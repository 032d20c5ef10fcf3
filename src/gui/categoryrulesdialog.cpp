#include "categoryrulesdialog.h"
#include "accesspolicy.h"
#include "casestore.h"
#include "formvalidation.h"
#include "referenceadminclient.h"
#include "referencecache.h"
#include "syncengine.h"
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

namespace gw {

namespace {

bool isDeadlineColumn(const QString &column)
{
    return column == QLatin1String("checkIn") || column == QLatin1String("handle");
}

QString cellKey(Urgency urgency, const QString &column) { return urgencyToString(urgency) + u'.' + column; }

// A cell's widget name: the field a refusal names ("urgent.checkIn"), without the dot a style sheet selector cannot hold.
QString cellName(const QString &field) { return QStringLiteral("cell_") + QString(field).replace(u'.', u'_'); }

bool sameCategory(const Category &a, const Category &b) { return a.toJson() == b.toJson(); }

const QString ErrorStyle = QStringLiteral("border: 2px solid #c62828;");

} // namespace

CategoryRulesDialog::CategoryRulesDialog(SyncEngine *sync, CaseStore *store, QWidget *parent)
    : QDialog(parent), m_sync(sync), m_store(store), m_client(new ReferenceAdminClient(sync, store, this))
{
    setObjectName(QStringLiteral("categoryRulesDialog"));
    setWindowTitle(tr("Categories and deadline rules"));
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("rulesStatus"));
    m_status->setWordWrap(true);

    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("categoryList"));
    m_list->setMaximumWidth(200);

    m_title = FormValidation::makeTitle(QStringLiteral("categoryTitle"), this);
    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("categoryNameEdit"));
    m_name->setMaxLength(Category::MaxName);

    const QStringList columns = Category::ruleColumns();
    const QList<Urgency> levels = allUrgencies();
    m_rules = new QTableWidget(int(levels.size()), int(columns.size()), this);
    m_rules->setObjectName(QStringLiteral("ruleTable"));
    QStringList headers;
    for (const QString &column : columns) {
        // Two lines: the clock, then its unit, so seven columns fit a 1280-pixel screen.
        QString name = Category::ruleColumnDisplayName(column).text();
        headers << name.replace(QStringLiteral("（"), QStringLiteral("\n（")).replace(QStringLiteral(" ("), QStringLiteral("\n("));
    }
    m_rules->setHorizontalHeaderLabels(headers);
    QStringList rowNames;
    for (Urgency u : levels)
        rowNames << urgencyDisplayName(u).text();
    m_rules->setVerticalHeaderLabels(rowNames);
    m_rules->setSelectionMode(QAbstractItemView::NoSelection);
    m_rules->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    // A deadline cell holds an amount and its unit ("个工作日"): it gets the width both need, the hour cells share the rest.
    const int deadlineWidth = fontMetrics().horizontalAdvance(tr("working days")) + fontMetrics().horizontalAdvance(QStringLiteral("8760")) + 110;
    for (int c = 0; c < columns.size(); ++c)
        if (isDeadlineColumn(columns[c])) {
            m_rules->horizontalHeader()->setSectionResizeMode(c, QHeaderView::Fixed);
            m_rules->setColumnWidth(c, deadlineWidth);
        }
    m_rules->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    for (int row = 0; row < levels.size(); ++row) {
        m_rules->setRowHeight(row, fontMetrics().height() * 2 + 12);
        for (int c = 0; c < columns.size(); ++c) {
            Cell cell;
            auto *box = new QWidget(m_rules);
            auto *boxLayout = new QHBoxLayout(box);
            boxLayout->setContentsMargins(4, 2, 4, 2);
            boxLayout->setSpacing(4);
            cell.amount = new QSpinBox(box);
            cell.amount->setRange(1, isDeadlineColumn(columns[c]) ? DeadlineSpec::MaxAmount : 365 * 24);
            boxLayout->addWidget(cell.amount, 1);
            if (isDeadlineColumn(columns[c])) {
                cell.unit = new QComboBox(box);
                cell.unit->addItem(tr("working days"), int(DeadlineSpec::Unit::WorkingDays));
                cell.unit->addItem(tr("hours"), int(DeadlineSpec::Unit::Hours));
                boxLayout->addWidget(cell.unit);
            }
            box->setObjectName(cellName(cellKey(levels[row], columns[c])));
            m_rules->setCellWidget(row, c, box);
            m_cells.insert(cellKey(levels[row], columns[c]), cell);
        }
    }
    m_rules->setFixedHeight(m_rules->horizontalHeader()->sizeHint().height()
                            + int(levels.size()) * (fontMetrics().height() * 2 + 12) + 2 * m_rules->frameWidth());
    m_error = FormValidation::makeErrorLabel(m_rules, this);
    m_error->setObjectName(QStringLiteral("rulesError"));
    m_hint = new QLabel(tr("Deadlines count from the moment the whistle is blown: working days skip weekends and "
                           "public holidays of the work calendar, hours are clock hours for urgent matters. A department's "
                           "deadline set longer than its row in the whistle form needs a reason there. The step columns "
                           "are working hours the command center or the street may keep a case at 研判, 审核, 发起吹哨, "
                           "核查 and 结案 before it is overdue."),
                        this);
    m_hint->setWordWrap(true);
    m_hint->setStyleSheet(QStringLiteral("color: #555;"));
    m_save = new QPushButton(tr("Save on the server"), this);
    m_save->setObjectName(QStringLiteral("saveButton"));
    m_save->setDefault(true);

    auto *form = new QFormLayout;
    form->addRow(tr("Name:"), m_name);
    auto *right = new QVBoxLayout;
    right->addWidget(m_title);
    right->addLayout(form);
    right->addWidget(new QLabel(tr("Rule table (one row per urgency):"), this));
    right->addWidget(m_rules);
    right->addWidget(m_error);
    right->addWidget(m_hint);
    right->addStretch(1);
    auto *saveRow = new QHBoxLayout;
    saveRow->addStretch(1);
    saveRow->addWidget(m_save);
    right->addLayout(saveRow);
    auto *columnsLayout = new QHBoxLayout;
    columnsLayout->addWidget(m_list);
    columnsLayout->addLayout(right, 1);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_status);
    layout->addLayout(columnsLayout, 1);
    layout->addWidget(buttons);

    connect(m_list, &QListWidget::currentItemChanged, this, [this](QListWidgetItem *item) {
        if (item)
            showCategory(item->data(Qt::UserRole).toString());
    });
    connect(m_save, &QPushButton::clicked, this, &CategoryRulesDialog::save);
    connect(m_client, &ReferenceAdminClient::busyChanged, this, [this](bool busy) {
        m_save->setEnabled(!busy && !m_readOnly);
        m_list->setEnabled(!busy);  // the answer is about the category shown
    });
    connect(m_client, &ReferenceAdminClient::failed, this, [this](const QString &message, const QString &field) {
        markFieldError(field, message);
        showStatus(tr("Not saved: %1").arg(message), true);
    });
    // Another administrator changed this category meanwhile: show theirs (now cached), the edit is to be made again.
    connect(m_client, &ReferenceAdminClient::conflicted, this, [this](const QString &, const QString &message) {
        const QString id = m_saving.id;
        if (const Category *current = CategoryCatalog::builtin().find(id)) {
            m_served.insert(id, *current);
            m_edited.insert(id, *current);
            if (id == m_categoryId)
                fillForm(*current);
        }
        fillList();
        showStatus(tr("Not saved: %1").arg(message), true);
    });
    connect(m_client, &ReferenceAdminClient::categorySaved, this, [this](const ReferenceSet &set) {
        // As the server stored it (now installed here): the piece the next change is made from.
        const Category *installed = CategoryCatalog::builtin().find(m_saving.id);
        const Category stored = installed ? *installed : m_saving;
        m_served.insert(stored.id, stored);
        m_edited.insert(stored.id, stored);
        fillList();
        showStatus(tr("Saved as version %1 of the rules. Other computers use them from their next sync; this one "
                      "already does.").arg(set.version),
                   false);
        Q_EMIT saved(stored.id);
    });

    for (const Category &c : CategoryCatalog::builtin().categories()) {
        m_served.insert(c.id, c);
        m_order.append(c.id);
    }
    m_edited = m_served;
    fillList();
    if (!m_order.isEmpty())
        showCategory(m_order.first());
    if (!m_sync || !m_sync->isLoggedIn())
        setReadOnly(true, tr("Working offline: the rules are shown as last synced and cannot be changed. They are kept "
                             "on the district server; sign in online to change them."));
    else if (!AccessPolicy::canManageReferenceData(m_sync->currentUser()))
        setReadOnly(true, tr("Only administrators change the district's categories and deadline rules."));
    else
        showRulesState();
    resize(1180, 600);
}

QString CategoryRulesDialog::statusText() const { return m_status->text(); }

QString CategoryRulesDialog::fieldError() const { return m_error->isHidden() ? QString() : m_error->text(); }

CategoryRulesDialog::Cell CategoryRulesDialog::cellAt(Urgency urgency, const QString &column) const
{
    return m_cells.value(cellKey(urgency, column));
}

void CategoryRulesDialog::setDeadline(Urgency urgency, const QString &column, const DeadlineSpec &spec)
{
    const Cell cell = cellAt(urgency, column);
    if (!cell.unit)
        return;
    cell.unit->setCurrentIndex(cell.unit->findData(int(spec.unit)));
    cell.amount->setValue(spec.amount);
}

void CategoryRulesDialog::setHours(Urgency urgency, const QString &column, int hours)
{
    if (QSpinBox *amount = cellAt(urgency, column).amount)
        amount->setValue(hours);
}

Category CategoryRulesDialog::editedCategory() const
{
    Category c = m_edited.value(m_categoryId);
    c.name = m_name->text().trimmed();
    for (Urgency u : allUrgencies()) {
        for (const auto &[column, target] : {std::pair{QStringLiteral("checkIn"), &c.checkInDeadline},
                                             std::pair{QStringLiteral("handle"), &c.handleDeadline}}) {
            const Cell cell = cellAt(u, column);
            target->insert(u, DeadlineSpec{DeadlineSpec::Unit(cell.unit->currentData().toInt()), cell.amount->value()});
        }
        StepLimits limits = c.stepLimits.value(u, StepLimits::defaults(u));
        for (const StepLimits::Column &column : StepLimits::columns())
            limits.*column.member = cellAt(u, QLatin1String(column.key)).amount->value();
        c.stepLimits.insert(u, limits);
    }
    return c;
}

void CategoryRulesDialog::fillList()
{
    const QSignalBlocker block(m_list);
    m_list->clear();
    for (const QString &id : std::as_const(m_order)) {
        const Category &c = m_edited[id];
        const bool unsaved = !sameCategory(c, m_served.value(id));
        auto *item = new QListWidgetItem(unsaved ? tr("%1 (not saved)").arg(c.name) : c.name, m_list);
        item->setData(Qt::UserRole, id);
        item->setToolTip(id);
        if (unsaved)
            item->setForeground(QColor(0xb2, 0x6a, 0x00));
        if (id == m_categoryId)
            m_list->setCurrentItem(item);
    }
}

void CategoryRulesDialog::keepEdits()
{
    if (m_edited.contains(m_categoryId))
        m_edited[m_categoryId] = editedCategory();
}

void CategoryRulesDialog::showCategory(const QString &categoryId)
{
    if (!m_edited.contains(categoryId))
        return;
    keepEdits();
    m_categoryId = categoryId;
    clearFieldErrors();
    fillForm(m_edited.value(categoryId));
    fillList();
}

void CategoryRulesDialog::fillForm(const Category &category)
{
    m_title->setText(tr("%1 (%2)").arg(category.name, category.id));
    m_name->setText(category.name);
    for (Urgency u : allUrgencies()) {
        setDeadline(u, QStringLiteral("checkIn"), category.checkInDeadline.value(u));
        setDeadline(u, QStringLiteral("handle"), category.handleDeadline.value(u));
        const StepLimits limits = category.stepLimits.value(u, StepLimits::defaults(u));
        for (const StepLimits::Column &column : StepLimits::columns())
            setHours(u, QLatin1String(column.key), limits.*column.member);
    }
}

void CategoryRulesDialog::save()
{
    if (m_readOnly)
        return;
    clearFieldErrors();
    keepEdits();
    const Category edited = editedCategory();
    if (sameCategory(edited, m_served.value(edited.id))) {
        showStatus(tr("Nothing to save: the rules of %1 are as the server has them.").arg(edited.name), false);
        return;
    }
    showStatus(tr("Saving on the district server…"), false);
    m_saving = edited;
    m_client->saveCategory(edited, m_served.contains(edited.id) ? QJsonValue(m_served.value(edited.id).toJson()) : QJsonValue());
}

void CategoryRulesDialog::markFieldError(const QString &field, const QString &message)
{
    FormValidation::showError(m_error, message);
    if (field == QLatin1String("name"))
        m_name->setStyleSheet(ErrorStyle);
    if (QWidget *cell = field.isEmpty() ? nullptr : m_rules->findChild<QWidget *>(cellName(field)))
        cell->setStyleSheet(QStringLiteral("QWidget#%1 { %2 }").arg(cellName(field), ErrorStyle));
}

void CategoryRulesDialog::clearFieldErrors()
{
    FormValidation::clearError(m_error);
    m_name->setStyleSheet(QString());
    for (int row = 0; row < m_rules->rowCount(); ++row)
        for (int c = 0; c < m_rules->columnCount(); ++c)
            if (QWidget *cell = m_rules->cellWidget(row, c))
                cell->setStyleSheet(QString());
}

void CategoryRulesDialog::showStatus(const QString &message, bool problem)
{
    FormValidation::showStatus(m_status, message, problem);
}

void CategoryRulesDialog::showRulesState()
{
    const std::optional<ReferenceSet> held = ReferenceCache(m_store->journal()).held(ReferenceSet::Categories);
    showStatus(held ? tr("The district's categories and deadline rules, version %1, changed by %2 at %3. %n categories.",
                         nullptr, int(m_order.size()))
                          .arg(held->version)
                          .arg(held->changedBy, FormValidation::displayTime(held->changedAt))
                    : tr("The rules shipped with GridWhistle; the district server's arrive with the next sync."),
               false);
}

void CategoryRulesDialog::setReadOnly(bool readOnly, const QString &reason)
{
    m_readOnly = readOnly;
    m_save->setEnabled(!readOnly);
    m_name->setReadOnly(readOnly);
    for (const Cell &cell : std::as_const(m_cells)) {
        cell.amount->setEnabled(!readOnly);
        if (cell.unit)
            cell.unit->setEnabled(!readOnly);
    }
    if (readOnly)
        showStatus(reason, true);
}

} // namespace gw
