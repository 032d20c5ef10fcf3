#include "casefilterbar.h"
#include "categorycatalog.h"
#include "icons.h"
#include "orgdirectory.h"
#include "workcalendar.h"
#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QEvent>
#include <QHBoxLayout>
#include <QVBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QTimeZone>
#include <QToolButton>

namespace gw {

CaseFilterBar::CaseFilterBar(QWidget *parent) : QWidget(parent)
{
    auto combo = [this](const char *name) {
        auto *c = new QComboBox(this);
        c->setObjectName(QLatin1String(name));
        c->setSizeAdjustPolicy(QComboBox::AdjustToContents);
        connect(c, &QComboBox::currentIndexChanged, this, &CaseFilterBar::emitChanged);
        return c;
    };
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("searchField"));
    m_search->setClearButtonEnabled(true);
    m_search->addAction(Icons::search(), QLineEdit::LeadingPosition);
    m_search->setMinimumWidth(200);
    m_status = combo("statusFilter");
    m_street = combo("streetFilter");
    m_department = combo("departmentFilter");
    m_category = combo("categoryFilter");
    m_urgency = combo("urgencyFilter");
    m_overdue = new QCheckBox(this);
    m_overdue->setObjectName(QStringLiteral("overdueFilter"));
    connect(m_overdue, &QCheckBox::toggled, this, &CaseFilterBar::emitChanged);
    m_dateRange = new QCheckBox(this);
    m_dateRange->setObjectName(QStringLiteral("dateRangeFilter"));
    m_from = new QDateEdit(QDate::currentDate().addMonths(-1), this);
    m_from->setObjectName(QStringLiteral("registeredFrom"));
    m_to = new QDateEdit(QDate::currentDate(), this);
    m_to->setObjectName(QStringLiteral("registeredTo"));
    for (QDateEdit *e : {m_from, m_to}) {
        e->setCalendarPopup(true);
        e->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
        connect(e, &QDateEdit::dateChanged, this, [this] {
            if (m_dateRange->isChecked())
                emitChanged();
        });
    }
    m_toLabel = new QLabel(this);
    connect(m_dateRange, &QCheckBox::toggled, this, [this] {
        updateDateRange();
        emitChanged();
    });
    m_clear = new QToolButton(this);
    m_clear->setObjectName(QStringLiteral("clearFilters"));
    connect(m_clear, &QToolButton::clicked, this, &CaseFilterBar::clear);

    m_searchDelay.setSingleShot(true);
    m_searchDelay.setInterval(300);
    connect(m_search, &QLineEdit::textChanged, &m_searchDelay, qOverload<>(&QTimer::start));
    connect(&m_searchDelay, &QTimer::timeout, this, &CaseFilterBar::filterChanged);
    // Enter searches at once instead of waiting for the pause.
    connect(m_search, &QLineEdit::returnPressed, this, [this] {
        if (m_searchDelay.isActive()) {
            m_searchDelay.stop();
            emit filterChanged();
        }
    });

    // Two rows so the list keeps a sensible minimum width next to the case detail pane.
    auto *top = new QHBoxLayout;
    top->setContentsMargins(0, 0, 0, 0);
    top->addWidget(m_search, 1);
    for (QWidget *w : std::initializer_list<QWidget *>{m_overdue, m_dateRange, m_from, m_toLabel, m_to, m_clear})
        top->addWidget(w);
    auto *bottom = new QHBoxLayout;
    bottom->setContentsMargins(0, 0, 0, 0);
    for (QComboBox *c : {m_status, m_street, m_department, m_category, m_urgency}) {
        c->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        c->setMinimumContentsLength(7);
        c->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
        bottom->addWidget(c, 1);
    }
    bottom->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addLayout(top);
    layout->addLayout(bottom);
    setTabOrder(m_search, m_status);
    setTabOrder(m_status, m_street);
    setTabOrder(m_street, m_department);
    setTabOrder(m_department, m_category);
    setTabOrder(m_category, m_urgency);
    setTabOrder(m_urgency, m_overdue);
    setTabOrder(m_overdue, m_dateRange);
    setTabOrder(m_dateRange, m_from);
    setTabOrder(m_from, m_to);
    setTabOrder(m_to, m_clear);

    retranslate();
    updateDateRange();
}

void CaseFilterBar::fillChoices()
{
    m_updating = true;
    auto refill = [](QComboBox *box, const QString &anyText, const QList<QPair<QString, QVariant>> &items) {
        const QVariant current = box->currentData();
        box->clear();
        box->addItem(anyText, QVariant());
        for (const auto &item : items)
            box->addItem(item.first, item.second);
        const int index = box->findData(current);
        box->setCurrentIndex(index < 0 ? 0 : index);
    };
    QList<QPair<QString, QVariant>> statuses;
    for (CaseStatus s : allCaseStatuses())
        statuses.append({caseStatusDisplayName(s), caseStatusToString(s)});
    refill(m_status, tr("Any status"), statuses);

    const OrgDirectory &org = OrgDirectory::builtin();
    QList<QPair<QString, QVariant>> streets, departments;
    for (const OrgUnit &u : org.unitsOfKind(OrgUnit::Kind::Street))
        streets.append({u.name, u.id});
    for (const OrgUnit &u : org.unitsOfKind(OrgUnit::Kind::Department))
        departments.append({u.name, u.id});
    refill(m_street, tr("Any street"), streets);
    refill(m_department, tr("Any department"), departments);

    QList<QPair<QString, QVariant>> categories;
    for (const Category &c : CategoryCatalog::builtin().categories())
        categories.append({c.name, c.id});
    refill(m_category, tr("Any category"), categories);

    QList<QPair<QString, QVariant>> urgencies;
    for (Urgency u : allUrgencies())
        urgencies.append({urgencyDisplayName(u), urgencyToString(u)});
    refill(m_urgency, tr("Any urgency"), urgencies);
    m_updating = false;
}

void CaseFilterBar::retranslate()
{
    m_search->setPlaceholderText(tr("Search number, title, description, address (Ctrl+F)"));
    m_search->setToolTip(tr("Full-text search; results update as you type"));
    m_overdue->setText(tr("Overdue only"));
    m_dateRange->setText(tr("Registered"));
    m_dateRange->setToolTip(tr("Only cases registered in this date range (both days included)"));
    m_toLabel->setText(tr("to"));
    m_clear->setText(tr("Clear filters"));
    m_status->setToolTip(tr("Status"));
    m_street->setToolTip(tr("Street"));
    m_department->setToolTip(tr("Department summoned to the case"));
    m_category->setToolTip(tr("Category"));
    m_urgency->setToolTip(tr("Urgency"));
    fillChoices();
}

void CaseFilterBar::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void CaseFilterBar::setScope(const AccessPolicy::Scope &scope)
{
    using Kind = AccessPolicy::Scope::Kind;
    m_street->setVisible(scope.kind == Kind::All);
    m_department->setVisible(scope.kind != Kind::Department && scope.kind != Kind::None);
}

void CaseFilterBar::updateDateRange()
{
    m_from->setEnabled(m_dateRange->isChecked());
    m_to->setEnabled(m_dateRange->isChecked());
}

CaseFilter CaseFilterBar::filter() const
{
    CaseFilter f;
    CaseStatus status;
    if (caseStatusFromString(m_status->currentData().toString(), &status))
        f.statuses = {status};
    if (m_street->isVisibleTo(this))
        f.streetId = m_street->currentData().toString();
    if (m_department->isVisibleTo(this))
        f.departmentId = m_department->currentData().toString();
    f.categoryId = m_category->currentData().toString();
    Urgency urgency;
    if (urgencyFromString(m_urgency->currentData().toString(), &urgency))
        f.urgency = urgency;
    f.overdueOnly = m_overdue->isChecked();
    if (m_dateRange->isChecked()) {
        // Whole days in the district's time, the "to" day included.
        const QTimeZone district = WorkCalendar::districtZone();
        QDate from = m_from->date(), to = m_to->date();
        if (to < from)
            std::swap(from, to);
        f.registeredFrom = QDateTime(from, QTime(0, 0), district).toUTC();
        f.registeredTo = QDateTime(to.addDays(1), QTime(0, 0), district).toUTC();
    }
    f.text = m_search->text().trimmed();
    return f;
}

void CaseFilterBar::clear()
{
    m_updating = true;
    for (QComboBox *box : {m_status, m_street, m_department, m_category, m_urgency})
        box->setCurrentIndex(0);
    m_overdue->setChecked(false);
    m_dateRange->setChecked(false);
    m_search->clear();
    m_searchDelay.stop();
    m_updating = false;
    emit filterChanged();
}

void CaseFilterBar::emitChanged()
{
    if (!m_updating)
        emit filterChanged();
}

} // namespace gw
