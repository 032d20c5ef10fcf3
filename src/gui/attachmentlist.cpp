#include "attachmentlist.h"
#include "attachmentcheck.h"
#include "casestore.h"
#include "formvalidation.h"
#include "workflow.h"
#include "attachmenttransfer.h"
#include "attachmentstore.h"
#include <QDesktopServices>
#include <QDir>
#include <QFile>
#include <QJsonObject>
#include <QStandardPaths>
#include <QUrl>
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
    m_hint = new QLabel(tr("Allowed: %1; at most %2 MB each, %3 files.")
                                .arg(AttachmentCheck::allowedExtensions().join(QStringLiteral(", ")))
                                .arg(Workflow::MaxAttachmentBytes / (1024 * 1024)).arg(Workflow::MaxAttachments),
                            this);
    m_hint->setObjectName(QStringLiteral("attachmentHint"));
    m_hint->setStyleSheet(QStringLiteral("color: palette(mid);"));
    m_hint->setWordWrap(true);
    m_open = new QPushButton(tr("Open"), this);
    m_open->setObjectName(QStringLiteral("openAttachmentButton"));
    m_open->setVisible(false);

    auto *buttons = new QVBoxLayout;
    buttons->addWidget(m_add);
    buttons->addWidget(m_remove);
    buttons->addWidget(m_open);
    buttons->addStretch();
    auto *row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_list, 1);
    row->addLayout(buttons);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(row);
    layout->addWidget(m_hint);
    layout->addWidget(m_error);

    connect(m_add, &QPushButton::clicked, this, &AttachmentList::pickFiles);
    connect(m_remove, &QPushButton::clicked, this, [this] { removeAt(m_list->currentRow()); });
    connect(m_list, &QListWidget::currentRowChanged, this, [this](int row) {
        m_remove->setEnabled(row >= 0);
        updateOpenButton();
    });
    connect(m_open, &QPushButton::clicked, this, [this] { openAt(m_list->currentRow()); });
    connect(m_list, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        if (!m_caseId.isEmpty())
            openAt(m_list->row(item));
    });
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
        const Result r = m_store->attachments().put(caseId, p.name, p.data, &descriptor);
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
    FormValidation::showError(m_error, r.ok ? QString() : r.message.text());
}

// --- Case view ----------------------------------------------------------------------------------------

void AttachmentList::showCaseFiles(const QString &caseId, const QJsonArray &descriptors, AttachmentTransfer *transfer)
{
    if (m_transfer != transfer) {
        if (m_transfer)
            disconnect(m_transfer, nullptr, this, nullptr);
        m_transfer = transfer;
        if (m_transfer) {
            connect(m_transfer, &AttachmentTransfer::downloadFinished, this, &AttachmentList::onDownloadFinished);
            connect(m_transfer, &AttachmentTransfer::downloadStarted, this, &AttachmentList::refreshCaseFiles);
        }
    }
    if (caseId != m_caseId)
        m_openWhenReady.clear();
    m_caseId = caseId;
    m_caseFiles = descriptors;
    m_pending.clear();
    m_add->setVisible(false);
    m_remove->setVisible(false);
    m_hint->setVisible(false);
    m_open->setVisible(true);
    showProblem(Result::success());
    refreshCaseFiles();
}

QString AttachmentList::stateText(int row) const
{
    if (row < 0 || row >= m_caseFiles.size())
        return {};
    const QString id = m_caseFiles.at(row).toObject().value(QStringLiteral("id")).toString();
    if (m_store->attachments().find(id).has_value())
        return tr("on this computer");
    if (m_transfer && m_transfer->isDownloading(id))
        return tr("downloading…");
    if (m_transfer && !m_transfer->problem(id).isEmpty())
        return tr("on the server, download failed");
    return tr("on the server");
}

void AttachmentList::refreshCaseFiles()
{
    const int current = m_list->currentRow();
    m_list->clear();
    for (int row = 0; row < m_caseFiles.size(); ++row) {
        const QJsonObject a = m_caseFiles.at(row).toObject();
        auto *item = new QListWidgetItem(tr("%1 (%2) — %3")
                                             .arg(a.value(QStringLiteral("name")).toString(),
                                                  QLocale().formattedDataSize(qint64(a.value(QStringLiteral("size")).toDouble())),
                                                  stateText(row)),
                                         m_list);
        item->setToolTip(a.value(QStringLiteral("mime")).toString());
    }
    if (current >= 0 && current < m_list->count())
        m_list->setCurrentRow(current);
    else if (m_list->count() > 0)
        m_list->setCurrentRow(0);
    updateOpenButton();
}

void AttachmentList::updateOpenButton()
{
    if (m_caseId.isEmpty())
        return;
    const int row = m_list->currentRow();
    if (row < 0 || row >= m_caseFiles.size()) {
        m_open->setEnabled(false);
        return;
    }
    const QString id = m_caseFiles.at(row).toObject().value(QStringLiteral("id")).toString();
    const bool local = m_store->attachments().find(id).has_value();
    bool busy = false;
    bool canFetch = false;
    busy = m_transfer && m_transfer->isDownloading(id);
    canFetch = m_transfer != nullptr;
    m_open->setText(local ? tr("Open") : tr("Download and open"));
    m_open->setEnabled(!busy && (local || canFetch));
}

void AttachmentList::openAt(int row)
{
    if (m_caseId.isEmpty() || row < 0 || row >= m_caseFiles.size())
        return;
    const QJsonObject descriptor = m_caseFiles.at(row).toObject();
    const QString id = descriptor.value(QStringLiteral("id")).toString();
    if (m_store->attachments().find(id).has_value()) {
        launch(descriptor);
        return;
    }
    if (m_transfer) {
        m_openWhenReady = id;
        FormValidation::showError(m_error, QString());
        m_transfer->download(m_caseId, descriptor);
        refreshCaseFiles();
        return;
    }
    showProblem(refused(tr("%1 is only on the server, and this program cannot download it.")
                            .arg(descriptor.value(QStringLiteral("name")).toString())));
}

void AttachmentList::onDownloadFinished(const QString &attachmentId, bool ok, const QString &message)
{
    bool ours = false;
    QJsonObject descriptor;
    for (const QJsonValue &v : std::as_const(m_caseFiles))
        if (v.toObject().value(QStringLiteral("id")).toString() == attachmentId) {
            ours = true;
            descriptor = v.toObject();
        }
    if (!ours)
        return;
    refreshCaseFiles();
    if (!ok) {
        showProblem(refused(message));
        return;
    }
    if (m_openWhenReady == attachmentId) {
        m_openWhenReady.clear();
        launch(descriptor);
    }
}

void AttachmentList::launch(const QJsonObject &descriptor)
{
    const QString id = descriptor.value(QStringLiteral("id")).toString();
    const QString name = descriptor.value(QStringLiteral("name")).toString();
    // The name came with a pulled case: it becomes a file name here only if it is plain (no folders, no "..").
    Result r = AttachmentCheck::checkPlainName(name);
    if (!r.ok) {
        showProblem(r);
        return;
    }
    const QByteArray data = m_store->attachments().data(id);
    // A folder per attachment id keeps two files of the same name apart.
    const QString dirPath = QDir(QStandardPaths::writableLocation(QStandardPaths::TempLocation))
                                .filePath(QStringLiteral("gridwhistle-attachments/") + QString(id).remove(u'/').remove(u'\\'));
    QFile file(QDir(dirPath).filePath(name));
    if (data.isEmpty() || !QDir().mkpath(dirPath) || !file.open(QIODevice::WriteOnly | QIODevice::Truncate)
        || file.write(data) != data.size()) {
        showProblem(refused(tr("Cannot write %1 to the temporary folder to open it: %2").arg(name, file.errorString())));
        return;
    }
    file.close();
    showProblem(Result::success());
    Q_EMIT fileOpened(id, file.fileName());
    if (m_launchViewer && !QDesktopServices::openUrl(QUrl::fromLocalFile(file.fileName())))
        showProblem(refused(tr("No program on this computer opens %1.").arg(name)));
}

} // namespace gw
