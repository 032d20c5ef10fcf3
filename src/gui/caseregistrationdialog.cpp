#include "caseregistrationdialog.h"
#include "attachmentlist.h"
#include "casedraft.h"
#include "casestore.h"
#include "categorycatalog.h"
#include "eventbuilder.h"
#include "formvalidation.h"
#include "orgdirectory.h"
#include "ui_caseregistrationdialog.h"
#include "workflow.h"
#include <QCoreApplication>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>

namespace gw {

namespace {
// The labels gw::Workflow uses in its messages, to find which field a refusal is about.
}

CaseRegistrationDialog::CaseRegistrationDialog(CaseStore *store, const User &user, QWidget *parent)
    : QDialog(parent), ui(new Ui::CaseRegistrationDialog), m_store(store), m_user(user)
{
    ui->setupUi(this);
    m_attachments = new AttachmentList(store, ui->attachmentsGroup);
    ui->attachmentsLayout->addWidget(m_attachments);
    ui->mainLayout->setStretchFactor(ui->columnsLayout, 1);
    ui->rightColumn->addStretch(1);
    ui->buttonBox->button(QDialogButtonBox::Save)->setObjectName(QStringLiteral("saveButton"));
    ui->buttonBox->button(QDialogButtonBox::Save)->setText(tr("Register"));
    ui->buttonBox->button(QDialogButtonBox::Cancel)->setObjectName(QStringLiteral("cancelButton"));
    ui->offlineHint->setStyleSheet(QStringLiteral("color: palette(dark);"));
    ui->formErrorLabel->setStyleSheet(
        QStringLiteral("color: #c0392b; background: #fdecea; border: 1px solid #f5c6cb; padding: 6px;"));
    QWidget::setTabOrder(ui->reporterPhoneEdit, m_attachments->findChild<QWidget *>(QStringLiteral("addAttachmentButton")));
    QWidget::setTabOrder(m_attachments->findChild<QWidget *>(QStringLiteral("addAttachmentButton")), ui->buttonBox);

    connect(ui->buttonBox, &QDialogButtonBox::accepted, this, &CaseRegistrationDialog::accept);
    connect(ui->buttonBox, &QDialogButtonBox::rejected, this, &CaseRegistrationDialog::reject);
    fillChoices();
    connect(ui->categoryCombo, &QComboBox::currentIndexChanged, this, &CaseRegistrationDialog::fillSubcategories);
    connect(ui->streetCombo, &QComboBox::currentIndexChanged, this, &CaseRegistrationDialog::fillCommunities);
    // A field's message goes away as soon as it is edited, so the red text tracks what is still wrong.
    connect(ui->titleEdit, &QLineEdit::textEdited, this, [this] { setFieldError(Title, {}); });
    connect(ui->descriptionEdit, &QPlainTextEdit::textChanged, this, [this] { setFieldError(Description, {}); });
    connect(ui->addressEdit, &QLineEdit::textEdited, this, [this] { setFieldError(Address, {}); });
    // Tests and the form's own checks find the typed text under its old name.
    gridCellEdit()->setObjectName(QStringLiteral("gridCellEdit"));
    gridCellEdit()->setPlaceholderText(tr("Pick from the list, or type a code or name"));
    // Room for a picked cell's label, "name (code)"; the code is what is checked and stored.
    gridCellEdit()->setMaxLength(GridCell::MaxName + Workflow::MaxShortField + 4);
    connect(gridCellEdit(), &QLineEdit::textEdited, this, [this] { setFieldError(GridCell, {}); });
    connect(ui->communityCombo, &QComboBox::currentIndexChanged, this, &CaseRegistrationDialog::fillGridCells);
    // A cell picked for the whole street names its community: the case is filed there.
    connect(ui->gridCellCombo, &QComboBox::activated, this, [this](int index) {
        const gw::GridCell *cell = OrgDirectory::builtin().findGridCell(ui->gridCellCombo->itemData(index).toString());
        if (!cell || !ui->communityCombo->currentData().toString().isEmpty())
            return;
        const int community = ui->communityCombo->findData(cell->communityId);
        if (community >= 0)
            ui->communityCombo->setCurrentIndex(community);  // fillGridCells keeps the cell picked
    });
    connect(ui->lonEdit, &QLineEdit::textEdited, this, [this] { setFieldError(Location, {}); });
    connect(ui->latEdit, &QLineEdit::textEdited, this, [this] { setFieldError(Location, {}); });
    connect(ui->reporterNameEdit, &QLineEdit::textEdited, this, [this] { setFieldError(ReporterName, {}); });
    connect(ui->reporterPhoneEdit, &QLineEdit::textEdited, this, [this] { setFieldError(ReporterPhone, {}); });
    ui->titleEdit->setFocus();
}

CaseRegistrationDialog::~CaseRegistrationDialog() { delete ui; }

void CaseRegistrationDialog::fillChoices()
{
    const OrgDirectory &org = OrgDirectory::builtin();
    for (const gw::Category &c : CategoryCatalog::builtin().categories())
        ui->categoryCombo->addItem(c.name, c.id);
    for (Urgency u : allUrgencies())
        ui->urgencyCombo->addItem(urgencyDisplayName(u), urgencyToString(u));

    // Street and community users register for their own area only (Workflow refuses anything else).
    const QString ownStreet = org.streetOf(m_user.orgUnitId);
    for (const OrgUnit &s : org.unitsOfKind(OrgUnit::Kind::Street))
        if (s.active && (ownStreet.isEmpty() || s.id == ownStreet))
            ui->streetCombo->addItem(s.name, s.id);
    ui->streetCombo->setEnabled(ownStreet.isEmpty() && ui->streetCombo->count() > 1);
    fillSubcategories();
    fillCommunities();
}

void CaseRegistrationDialog::fillSubcategories()
{
    ui->subcategoryCombo->clear();
    ui->subcategoryCombo->addItem(tr("(none)"), QString());
    if (const gw::Category *c = CategoryCatalog::builtin().find(ui->categoryCombo->currentData().toString()))
        for (const gw::Category::Sub &s : c->subcategories)
            ui->subcategoryCombo->addItem(s.name, s.id);
}

void CaseRegistrationDialog::fillCommunities()
{
    const OrgDirectory &org = OrgDirectory::builtin();
    ui->communityCombo->clear();
    const bool communityUser = org.isKind(m_user.orgUnitId, OrgUnit::Kind::Community);
    if (!communityUser)
        ui->communityCombo->addItem(tr("(whole street)"), QString());
    for (const OrgUnit &c : org.communitiesOf(ui->streetCombo->currentData().toString()))
        if (c.active && (!communityUser || c.id == m_user.orgUnitId))
            ui->communityCombo->addItem(c.name, c.id);
    ui->communityCombo->setEnabled(!communityUser);
    fillGridCells();
}

QLineEdit *CaseRegistrationDialog::gridCellEdit() const { return ui->gridCellCombo->lineEdit(); }

void CaseRegistrationDialog::fillGridCells()
{
    const OrgDirectory &org = OrgDirectory::builtin();
    const QString community = ui->communityCombo->currentData().toString();
    QList<OrgUnit> areas;
    if (const OrgUnit *unit = org.find(community))
        areas = {*unit};
    else
        for (const OrgUnit &c : org.communitiesOf(ui->streetCombo->currentData().toString()))
            if (c.active)
                areas.append(c);
    QString problem;
    const QString kept = chosenGridCell(&problem);
    const QString typed = gridCellEdit()->text();
    const QSignalBlocker block(ui->gridCellCombo);
    ui->gridCellCombo->clear();
    for (const OrgUnit &area : std::as_const(areas))
        for (const gw::GridCell &cell : org.gridCellsOf(area.id))
            if (cell.active)
                ui->gridCellCombo->addItem(org.gridCellLabel(cell.code), cell.code);
    const int index = kept.isEmpty() ? -1 : ui->gridCellCombo->findData(kept);
    ui->gridCellCombo->setCurrentIndex(index);
    if (index < 0)
        gridCellEdit()->setText(typed);
}

QString CaseRegistrationDialog::chosenGridCell(QString *problem) const
{
    const QString text = gridCellEdit()->text().trimmed();
    if (text.isEmpty() || ui->gridCellCombo->count() == 0)
        return text;  // none given, or an area the district has not divided into served cells yet
    QStringList matches;  // a name may be used in two communities of the street; a code or label is one cell
    for (int i = 0; i < ui->gridCellCombo->count(); ++i) {
        const QString code = ui->gridCellCombo->itemData(i).toString();
        const gw::GridCell *cell = OrgDirectory::builtin().findGridCell(code);
        if (text == ui->gridCellCombo->itemText(i) || text == code)
            return code;
        if (cell && text == cell->name)
            matches.append(code);
    }
    if (matches.size() == 1)
        return matches.first();
    if (matches.size() > 1) {
        *problem = tr("Several communities have a grid cell named \"%1\". Choose the community, or pick the cell from "
                      "the list.").arg(text.left(40));
        return {};
    }
    const QString area = ui->communityCombo->currentData().toString().isEmpty() ? ui->streetCombo->currentText()
                                                                                : ui->communityCombo->currentText();
    *problem = tr("\"%1\" is not a grid cell of %2. Pick one from the list.").arg(text.left(40), area);
    return {};
}

QLabel *CaseRegistrationDialog::errorLabel(Field field) const
{
    switch (field) {
    case Title: return ui->titleError;
    case Description: return ui->descriptionError;
    case Category: return ui->categoryError;
    case Street: return ui->streetError;
    case Address: return ui->addressError;
    case GridCell: return ui->gridCellError;
    case Location: return ui->locationError;
    case ReporterName: return ui->reporterNameError;
    case ReporterPhone: return ui->reporterPhoneError;
    case Attachments: return m_attachments->errorLabel();
    case FieldCount: break;
    }
    return ui->formErrorLabel;
}

QWidget *CaseRegistrationDialog::fieldWidget(Field field) const
{
    switch (field) {
    case Title: return ui->titleEdit;
    case Description: return ui->descriptionEdit;
    case Category: return ui->categoryCombo;
    case Street: return ui->communityCombo;
    case Address: return ui->addressEdit;
    case GridCell: return ui->gridCellCombo;
    case Location: return ui->lonEdit;
    case ReporterName: return ui->reporterNameEdit;
    case ReporterPhone: return ui->reporterPhoneEdit;
    case Attachments: return m_attachments->listWidget();
    case FieldCount: break;
    }
    return ui->titleEdit;
}

void CaseRegistrationDialog::setFieldError(Field field, const QString &message)
{
    FormValidation::showError(errorLabel(field), message);
}

void CaseRegistrationDialog::clearErrors()
{
    for (int f = 0; f < FieldCount; ++f)
        setFieldError(Field(f), {});
    FormValidation::clearError(ui->formErrorLabel);
}

bool CaseRegistrationDialog::validate()
{
    clearErrors();
    QList<Field> wrong;
    auto check = [&](Field f, const QString &problem) {
        if (problem.isEmpty())
            return;
        setFieldError(f, problem);
        wrong.append(f);
    };
    check(Title, FormValidation::requiredText(ui->titleEdit->text(), tr("Title"), Workflow::MaxTitle));
    check(Description, FormValidation::requiredText(ui->descriptionEdit->toPlainText(), tr("Description"),
                                                    Workflow::MaxDescription));
    check(Address, FormValidation::requiredText(ui->addressEdit->text(), tr("Address"), Workflow::MaxAddress));
    QString gridProblem;
    const QString gridCell = chosenGridCell(&gridProblem);
    if (gridProblem.isEmpty())
        gridProblem = FormValidation::optionalText(gridCell, tr("Grid cell"), Workflow::MaxShortField);
    check(GridCell, gridProblem);
    check(ReporterName, FormValidation::optionalText(ui->reporterNameEdit->text().trimmed(), tr("Reporter name"),
                                                     Workflow::MaxShortField));
    check(ReporterPhone, FormValidation::phoneText(ui->reporterPhoneEdit->text()));
    if (ui->categoryCombo->currentData().toString().isEmpty())
        check(Category, tr("Choose a category."));
    if (ui->streetCombo->currentData().toString().isEmpty())
        check(Street, tr("Choose a street."));

    const QString lonText = ui->lonEdit->text().trimmed(), latText = ui->latEdit->text().trimmed();
    if (lonText.isEmpty() != latText.isEmpty()) {
        check(Location, tr("Give both longitude and latitude, or neither."));
    } else if (!lonText.isEmpty()) {
        bool lonOk = false, latOk = false;
        const double lon = lonText.toDouble(&lonOk), lat = latText.toDouble(&latOk);
        if (!lonOk || !latOk)
            check(Location, tr("Longitude and latitude are decimal degrees, e.g. 102.7205 and 25.0478."));
        else if (qAbs(lon) > 180 || qAbs(lat) > 90)
            check(Location, tr("Longitude must be within ±180 and latitude within ±90."));
    }
    if (!wrong.isEmpty()) {
        FormValidation::showError(ui->formErrorLabel, tr("Please correct the fields marked in red."));
        fieldWidget(wrong.first())->setFocus();
    }
    return wrong.isEmpty();
}

void CaseRegistrationDialog::showResult(const Result &r)
{
    // The payload keys gw::Workflow and AttachmentCheck name in Result::field, and the input each one is on.
    static const QHash<QString, Field> fields{
        {QStringLiteral("title"), Title},           {QStringLiteral("description"), Description},
        {QStringLiteral("address"), Address},       {QStringLiteral("gridCell"), GridCell},
        {QStringLiteral("reporterName"), ReporterName}, {QStringLiteral("reporterPhone"), ReporterPhone},
        {QStringLiteral("lon"), Location},          {QStringLiteral("lat"), Location},
        {QStringLiteral("attachments"), Attachments}, {QStringLiteral("street"), Street},
        {QStringLiteral("community"), Street},      {QStringLiteral("category"), Category},
        {QStringLiteral("subcategory"), Category},  {QStringLiteral("urgency"), Category}};
    // Only a refused input is about a field; a refused permission or state is about the whole action.
    const auto hit = r.code == QLatin1String("invalid_input") ? fields.constFind(r.field) : fields.constEnd();
    if (hit != fields.constEnd()) {
        setFieldError(*hit, r.message);
        fieldWidget(*hit)->setFocus();
        FormValidation::showError(ui->formErrorLabel, tr("The case was not saved. Please correct the field marked in red."));
    } else {
        FormValidation::showError(ui->formErrorLabel, tr("The case was not saved: %1").arg(r.message));
    }
}

bool CaseRegistrationDialog::submit()
{
    if (!m_store || !validate())
        return false;
    CaseDraft draft;
    draft.title = ui->titleEdit->text();
    draft.description = ui->descriptionEdit->toPlainText();
    draft.categoryId = ui->categoryCombo->currentData().toString();
    draft.subcategoryId = ui->subcategoryCombo->currentData().toString();
    draft.streetId = ui->streetCombo->currentData().toString();
    draft.communityId = ui->communityCombo->currentData().toString();
    draft.address = ui->addressEdit->text();
    QString unused;
    draft.gridCell = chosenGridCell(&unused);
    // A cell chosen for the whole street files the case under the cell's community.
    if (const gw::GridCell *cell = OrgDirectory::builtin().findGridCell(draft.gridCell); cell && draft.communityId.isEmpty())
        draft.communityId = cell->communityId;
    draft.hasLocation = !ui->lonEdit->text().trimmed().isEmpty();
    draft.longitude = ui->lonEdit->text().trimmed().toDouble();
    draft.latitude = ui->latEdit->text().trimmed().toDouble();
    urgencyFromString(ui->urgencyCombo->currentData().toString(), &draft.urgency);
    draft.reporterName = ui->reporterNameEdit->text();
    draft.reporterPhone = ui->reporterPhoneEdit->text();

    const EventBuilder builder(m_user, m_store->deviceId());
    if (m_caseId.isEmpty())
        m_caseId = CaseEvent::newId();
    QJsonArray descriptors;
    const Result stored = m_attachments->commit(m_caseId, &descriptors);
    if (!stored.ok) {
        showResult(stored);
        return false;
    }
    draft.attachments = descriptors;
    CaseEvent event = builder.make(EventType::Registered, m_caseId, draft.toPayload());
    const Result r = m_store->append(event);
    if (!r.ok) {
        showResult(r);
        return false;
    }
    clearErrors();
    m_registeredId = m_caseId;
    Q_EMIT registered(m_caseId);
    return true;
}

void CaseRegistrationDialog::accept()
{
    if (submit())
        QDialog::accept();
}

} // namespace gw
