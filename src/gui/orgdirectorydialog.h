#pragma once
#include "orgdirectory.h"
#include "protocol/referenceset.h"
#include <QDialog>
#include <QJsonValue>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace gw {

class CaseStore;
class ReferenceAdminClient;
class SyncEngine;

// 组织机构与网格 (issue 16), for administrators: the district's streets with their communities and grid cells
// (单元网格: code, name, owning community, GeoJSON area), the departments with their duty contacts, and the command
// center. One unit or cell is edited at a time and saved on the district server, which checks it with the same rule
// (OrgDirectory::setUnit / setGridCell: unknown street or community, duplicate code, bad area), logs the fields that
// changed and hands the directory to every client at its next sync; the registration form then offers the new cells.
// Offline, and for other roles, the directory is shown read-only with the reason.
class OrgDirectoryDialog : public QDialog
{
    Q_OBJECT
public:
    OrgDirectoryDialog(SyncEngine *sync, CaseStore *store, QWidget *parent = nullptr);

    // What the form is about: a unit id, a grid cell code, or empty for a new one.
    enum class Subject { None, Unit, GridCell };
    Subject subject() const { return m_subject; }
    QString shownKey() const { return m_key; }
    bool isAdding() const { return m_adding; }
    bool isReadOnly() const { return m_readOnly; }
    QString statusText() const;
    QString fieldError() const;
    QTreeWidget *tree() const { return m_tree; }
    QPushButton *saveButton() const { return m_save; }

public Q_SLOTS:
    void showUnit(const QString &id);
    void showGridCell(const QString &code);
    // A blank form for a new grid cell of `communityId` (the selected one when empty), with the next free code.
    void startNewGridCell(const QString &communityId = QString());
    // A blank form for a new community of `streetId`, or a new department when `kind` is Department.
    void startNewUnit(OrgUnit::Kind kind, const QString &streetId = QString());
    void save();
    // Reads a GeoJSON file (a geometry, a Feature or a FeatureCollection of one feature) into the area field.
    bool importArea(const QString &path);

Q_SIGNALS:
    void saved(const QString &key);

private:
    void showSaved(const QString &key);  // the unit or cell of `key` as now installed, in a fresh tree
    QWidget *buildUnitForm();
    QWidget *buildCellForm();
    void fillTree();
    void fillParents();
    void selectInTree(const QString &key);
    OrgUnit editedUnit() const;
    GridCell editedCell(QString *areaProblem) const;
    void markFieldError(const QString &field, const QString &message);
    void clearFieldErrors();
    void showStatus(const QString &message, bool problem);
    void showDirectoryState();
    void setReadOnly(bool readOnly, const QString &reason);
    void updateEditable();
    void showPage(int index);
    void updateAreaSummary();
    QString selectedCommunity() const;
    QString selectedStreet() const;

    SyncEngine *m_sync;
    CaseStore *m_store;
    ReferenceAdminClient *m_client;
    Subject m_subject = Subject::None;
    QString m_key;
    bool m_adding = false;
    bool m_readOnly = false;
    QString m_saving;  // the key sent, until the server answers
    QJsonValue m_shownFrom;  // the unit or cell as the form began from it (ReferenceAdminClient: `from`)

    QLabel *m_status;
    QTreeWidget *m_tree;
    QPushButton *m_newCommunity;
    QPushButton *m_newCell;
    QPushButton *m_newDepartment;
    QLabel *m_title;
    QWidget *m_forms;
    QList<QWidget *> m_pages;  // none, unit, grid cell
    // The unit form.
    QLineEdit *m_unitId;
    QLineEdit *m_unitName;
    QLabel *m_unitKind;
    QComboBox *m_unitStreet;
    QFormLayout *m_unitForm;
    QLineEdit *m_dutyName;
    QLineEdit *m_dutyPhone;
    QCheckBox *m_unitActive;
    OrgUnit::Kind m_unitKindValue = OrgUnit::Kind::Community;
    // The grid cell form.
    QLineEdit *m_cellCode;
    QLineEdit *m_cellName;
    QComboBox *m_cellCommunity;
    QPlainTextEdit *m_cellArea;
    QLabel *m_areaSummary;
    QPushButton *m_importArea;
    QCheckBox *m_cellActive;

    QLabel *m_error;
    QPushButton *m_save;
};

} // namespace gw
