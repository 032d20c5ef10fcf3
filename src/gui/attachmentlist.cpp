#include "attachmentlist.h"
#include "attachmentcheck.h"
#include "casestore.h"
#include "formvalidation.h"
#include "workflow.h"
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

namespace gw {

namespace {
Result refused(const QString &why) { return Result::failure(QStringLiteral("invalid_input"), why); }
}

AttachmentList::AttachmentList(CaseStore *store, QWidget *parent) : QWidget(parent), m_store(store)
{
    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("attachmentList"));
    m_list->setMaximumHeight(90);
    m_add = new QPushButton(tr("Add files…"), this);
    m_add->setObjectName(QStringLiteral("addAttachmentButton"));
    m_remove = new QPushButton(tr("Remove"), this);
    m_remove->setObjectName(QStringLiteral("removeAttachmentButton"));
    m_remove->setEnabled(false);
    m_error = FormValidation::makeErrorLabel(m_list, this);
    auto *hint = new QLabel(tr("Allowed: %1; at most %2 MB each, %3 files.")
                                .arg(AttachmentCheck::allowedExtensions().join(QStringLiteral(", ")))
                                .arg(Workflow::MaxAttachmentBytes / (1024 * 1024)).arg(Workflow::MaxAttachments),
                            this);
    hint->setObjectName(QStringLiteral("attachmentHint"));
    hint->setStyleSheet(QStringLiteral("color: palette(mid);"));
    hint->setWordWrap(true);

    auto *buttons = new QVBoxLayout;
    buttons->addWidget(m_add);
    buttons->addWidget(m_remove);
    buttons->addStretch();
    auto *row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_list, 1);
    row->addLayout(buttons);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(row);
    layout->addWidget(hint);
    layout->addWidget(m_error);

    connect(m_add, &QPushButton::clicked, this, &AttachmentList::pickFiles);
    connect(m_remove, &QPushButton::clicked, this, [this] { removeAt(m_list->currentRow()); });
    connect(m_list, &QListWidget::currentRowChanged, this, [this](int row) { m_remove->setEnabled(row >= 0); });
}

QString AttachmentList::safeFileName(const QString &raw)
{
    QString name = raw;
    const int cut = qMax(name.lastIndexOf(u'/'), name.lastIndexOf(u'\\'));
    if (cut >= 0)
        name = name.mid(cut + 1);
    QString clean;
    for (QChar c : name)
        if (c.unicode() >= 0x20 && c.unicode() != 0x7f && !QStringLiteral(":*?\"<>|").contains(c))
            clean.append(c);
    clean = clean.trimmed();
    while (clean.startsWith(u'.'))
        clean.remove(0, 1);
    if (clean.size() > 200)  // keep the extension: it tells the type
        clean = clean.left(150) + clean.right(50);
    return clean.isEmpty() ? QStringLiteral("attachment") : clean;
}

QString AttachmentList::fileDialogFilter()
{
    QStringList patterns;
    for (const QString &ext : AttachmentCheck::allowedExtensions())
        patterns.append(QStringLiteral("*.") + ext);
    return tr("Photos and documents (%1)").arg(patterns.join(QLatin1Char(' ')));
}

Result AttachmentList::addFile(const QString &path)
{
    const QFileInfo info(path);
    if (!info.isFile()) {
        const Result r = refused(tr("%1 is not a file.").arg(safeFileName(info.fileName())));
        showProblem(r);
        return r;
    }
    if (info.size() > Workflow::MaxAttachmentBytes) {
        const Result r = refused(tr("%1 is %2; attachments may be at most %3 MB.")
                                     .arg(safeFileName(info.fileName()), QLocale().formattedDataSize(info.size()))
                                     .arg(Workflow::MaxAttachmentBytes / (1024 * 1024)));
        showProblem(r);
        return r;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        const Result r = refused(tr("Cannot read %1: %2").arg(info.fileName(), file.errorString()));
        showProblem(r);
        return r;
    }
    return addData(info.fileName(), file.readAll());
}

Result AttachmentList::addData(const QString &fileName, const QByteArray &data)
{
    const QString name = safeFileName(fileName);
    // The store's own check (size, allowed type, content matching the extension), so the form refuses
    // at once what the store would refuse on saving.
    QString mime;
    Result r = AttachmentCheck::checkContent(name, data, &mime);
    if (r.ok && m_pending.size() >= Workflow::MaxAttachments)
        r = refused(tr("At most %1 attachments per action.").arg(Workflow::MaxAttachments));
    showProblem(r);
    if (!r.ok)
        return r;
    m_pending.append({name, data});
    m_committedFor.clear();
    auto *item = new QListWidgetItem(tr("%1 (%2)").arg(name, QLocale().formattedDataSize(data.size())), m_list);
    item->setToolTip(mime);
    Q_EMIT changed();
    return r;
}

void AttachmentList::removeAt(int row)
{
    if (row < 0 || row >= m_pending.size())
        return;
    m_pending.removeAt(row);
    m_committedFor.clear();
    delete m_list->takeItem(row);
    showProblem(Result::success());
    Q_EMIT changed();
}

QStringList AttachmentList::fileNames() const
{
    QStringList out;
    for (const Pending &p : m_pending)
        out.append(p.name);
    return out;
}

Result AttachmentList::commit(const QString &caseId, QJsonArray *descriptors)
{
    // A refused action is submitted again later: store the files once, not once per attempt.
    if (!m_committedFor.isEmpty() && m_committedFor == caseId) {
        for (const QJsonValue &d : m_committed)
            descriptors->append(d);
        return Result::success();
    }
    m_committed = QJsonArray();
    for (const Pending &p : m_pending) {
        QJsonObject descriptor;
        const Result r = m_store->putAttachment(caseId, p.name, p.data, &descriptor);
        if (!r.ok) {
            showProblem(r);
            return r;
        }
        m_committed.append(descriptor);
    }
    m_committedFor = caseId;
    for (const QJsonValue &d : m_committed)
        descriptors->append(d);
    return Result::success();
}

void AttachmentList::pickFiles()
{
    const QStringList files = QFileDialog::getOpenFileNames(this, tr("Add attachments"), QString(), fileDialogFilter());
    for (const QString &f : files)
        if (!addFile(f).ok)
            break;  // the first problem stays visible; the files before it are in
}

void AttachmentList::showProblem(const Result &r)
{
    FormValidation::showError(m_error, r.ok ? QString() : r.message);
}

} // namespace gw
