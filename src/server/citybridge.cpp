#include "citybridge.h"
#include "categorycatalog.h"
#include "eventbuilder.h"
#include "orgdirectory.h"
#include "passwordhasher.h"
#include "workcalendar.h"
#include <QFile>
#include <QFileInfo>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMetaType>

namespace gw {

CityBridge::CityBridge(ServerStore *store, QObject *parent) : QObject(parent), m_store(store) {}

CityBridge::~CityBridge() { stop(); }

Result CityBridge::loadConfigFile(const QString &path, CityConfig *config, CityMapping *mapping)
{
    QFile in(path);
    if (!in.open(QIODevice::ReadOnly))
        return Result::failure(QStringLiteral("io_error"),
                               Message::translate("gw::CityBridge", "Cannot read the city configuration %1: %2").arg(path, in.errorString()));
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(in.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return Result::failure(QStringLiteral("invalid_json"),
                               Message::translate("gw::CityBridge", "The city configuration %1 is not a JSON object: %2")
                                   .arg(path, parseError.error != QJsonParseError::NoError ? parseError.errorString()
                                                                                             : Message::translate("gw::CityBridge", "not an object")));
    QJsonObject o = doc.object();
    // Accept both {"city": {...}} (a section of a larger file) and the bare object.
    if (o.size() == 1 && o.value(QStringLiteral("city")).isObject())
        o = o.value(QStringLiteral("city")).toObject();
    QString mappingFile;
    if (o.contains(QStringLiteral("mappingFile"))) {
        if (!o.value(QStringLiteral("mappingFile")).isString())
            return Result::failure(QStringLiteral("invalid_input"), Message::translate("gw::CityBridge", "city.mappingFile must be a file path."));
        mappingFile = o.take(QStringLiteral("mappingFile")).toString();
    }
    Result r = CityConfig::fromJson(o, config);
    if (!r.ok)
        return Result::failure(r.code, Message::translate("gw::CityBridge", "City configuration %1: %2").arg(path, r.message));
    if (!config->caFile.isEmpty() && QFileInfo(config->caFile).isRelative())
        config->caFile = QFileInfo(path).dir().filePath(config->caFile);
    if (mappingFile.isEmpty()) {
        *mapping = CityMapping::builtin();
        return Result::success();
    }
    if (QFileInfo(mappingFile).isRelative())
        mappingFile = QFileInfo(path).dir().filePath(mappingFile);
    CityMapping loaded;
    r = loaded.loadFile(mappingFile);
    if (!r.ok)
        return Result::failure(r.code, Message::translate("gw::CityBridge", "City mapping %1: %2").arg(mappingFile, r.message));
    *mapping = loaded;
    return Result::success();
}

Result CityBridge::start(const CityConfig &config, const CityMapping &mapping, QList<Message> *notices)
{
    qRegisterMetaType<gw::CityExchangeReport>();
    const std::optional<User> existing = m_store->accounts().user(config.intakeUser.id);
    if (existing) {
        m_bridgeUser = *existing;
    } else {
        User u = config.intakeUser;
        u.active = true;
        const Result created = m_store->accounts().createUser(u, PasswordHasher::randomPassword());
        if (!created.ok)
            return created;
        m_bridgeUser = *m_store->accounts().user(u.id);
        notices->append(Message::translate("gw::CityBridge", "Created the account \"%1\" that registers city-assigned cases and records city exchanges "
                           "(no one needs its password).").arg(u.id));
    }
    if (m_bridgeUser.role != Role::CenterDispatcher || m_bridgeUser.orgUnitId != QLatin1String("center.district"))
        return Result::failure(QStringLiteral("invalid_input"),
                               Message::translate("gw::CityBridge", "The account \"%1\" must be a center dispatcher of center.district to take in "
                                  "city-assigned cases.").arg(m_bridgeUser.id));
    CityConfig effective = config;
    effective.intakeUser = m_bridgeUser;
    m_adapter = std::make_unique<CityAdapter>(effective, mapping, m_store->database());
    const Result opened = m_adapter->open();
    if (!opened.ok) {
        m_adapter.reset();
        return Result::failure(opened.code, Message::translate("gw::CityBridge", "The city exchange cannot start: %1").arg(opened.message));
    }
    m_adapter->setCaseLoader([this](const QStringList &ids) { return loadCases(ids); });
    connect(m_adapter.get(), &CityAdapter::assignedCasesReceived, this, &CityBridge::onAssignedCases);
    // Queued: exchanges are reported from inside push handling, where appending another event would nest.
    connect(m_adapter.get(), &CityAdapter::exchangeRecorded, this, &CityBridge::onExchange, Qt::QueuedConnection);
    m_adapter->start();
    for (const Message &gap : mapping.gaps(CategoryCatalog::builtin(), OrgDirectory::builtin()))
        notices->append(Message::translate("gw::CityBridge", "City mapping: %1").arg(gap));
    queueUnsentEscalations(notices);
    return Result::success();
}

// An escalation is stored first and queued after (afterPush). It stays unqueued when its category had no city code and
// the mapping no fallback, or when the server stopped in between: each start queues what the mapping now allows and
// names what it still does not. Only escalations made since this database first exchanged with the city, and only of
// cases still open: a case closed meanwhile is not sent to the city as a new request.
void CityBridge::queueUnsentEscalations(QList<Message> *notices)
{
    int queued = 0;
    QStringList stillUnsent;
    Message why;
    for (const QString &id : m_store->escalatedCaseIds(m_adapter->exchangeSince())) {
        if (m_adapter->hasEscalationQueued(id))
            continue;
        const std::optional<CaseRecord> record = m_store->caseById(id);
        if (!record || !record->escalated || isTerminal(record->status))
            continue;
        bool enqueued = false;
        const Result r = m_adapter->enqueueEscalation(*record, &enqueued);
        if (!r.ok) {
            stillUnsent.append(record->number);
            why = r.message;
        }
        queued += enqueued ? 1 : 0;
    }
    if (queued > 0)
        notices->append(Message::translate("gw::CityBridge", "City: %n escalation(s) stored earlier but never sent are queued now.",
                                           nullptr, queued));
    if (!stillUnsent.isEmpty())
        notices->append(Message::translate("gw::CityBridge", "City: %n escalated case(s) cannot be sent (%1). The last reason: %2",
                                           nullptr, int(stillUnsent.size()))
                            .arg(stillUnsent.mid(0, 20).join(QStringLiteral(", ")))
                            .arg(why));
}

void CityBridge::stop()
{
    if (!m_adapter)
        return;
    m_adapter->stop();
    m_adapter.reset();
}

QList<CaseRecord> CityBridge::loadCases(const QStringList &ids) const
{
    QList<CaseRecord> out;
    for (const QString &id : ids)
        if (std::optional<CaseRecord> r = m_store->caseById(id))
            out.append(*r);
    return out;
}

void CityBridge::afterPush(const QList<ServerStore::PushOutcome> &outcomes)
{
    if (!m_adapter)
        return;
    QStringList touched;
    QSet<QString> escalated;
    for (const ServerStore::PushOutcome &o : outcomes) {
        if (o.status == QLatin1String("rejected"))
            continue;
        // Duplicates count too: a replay after a server crash between storing and queueing must still reach the city
        // (both enqueue calls are idempotent).
        if (!touched.contains(o.event.caseId))
            touched.append(o.event.caseId);
        if (o.event.type == EventType::Escalated)
            escalated.insert(o.event.caseId);
    }
    for (const QString &caseId : std::as_const(touched)) {
        const std::optional<CaseRecord> record = m_store->caseById(caseId);
        if (!record)
            continue;
        if (escalated.contains(caseId)) {
            const Result r = m_adapter->enqueueEscalation(*record);
            if (!r.ok)
                qWarning("city: escalation of %s not queued: %s", qPrintable(caseId), qPrintable(r.message.english()));
        }
        const Result r = m_adapter->enqueueStatusUpdate(*record);
        if (!r.ok)
            qWarning("city: status update of %s not queued: %s", qPrintable(caseId), qPrintable(r.message.english()));
    }
}

Result CityBridge::pushAsBridge(const CaseEvent &event, ServerStore::PushOutcome *outcome)
{
    QList<ServerStore::PushOutcome> outcomes;
    const Result r = m_store->pushEvents(m_bridgeUser, {event}, &outcomes);
    if (!r.ok)
        return r;
    if (outcomes.isEmpty())
        return Result::failure(QStringLiteral("storage_error"), Message::translate("gw::CityBridge", "The store returned no outcome."));
    *outcome = outcomes.first();
    return Result::success();
}

Result CityBridge::comment(const QString &caseId, const QString &text)
{
    // The city's words end up in here: control characters (refused in a comment) become spaces.
    QString clean = text.left(Workflow::MaxReason);
    for (QChar &c : clean)
        if (c.category() == QChar::Other_Control)
            c = u' ';
    const CaseEvent e = EventBuilder(m_bridgeUser, m_adapter->config().deviceId)
                            .make(EventType::Commented, caseId, {{QStringLiteral("text"), clean.trimmed()}});
    ServerStore::PushOutcome outcome;
    const Result r = pushAsBridge(e, &outcome);
    if (!r.ok)
        return r;
    if (outcome.status == QLatin1String("rejected"))
        return Result::failure(outcome.code, outcome.reason);
    return Result::success();
}

void CityBridge::onAssignedCases(const QList<CityAssignedCase> &cases)
{
    if (!m_adapter)
        return;
    for (const CityAssignedCase &assigned : cases) {
        if (assigned.alreadyRegistered)
            continue;
        if (std::optional<CaseRecord> known = m_store->caseById(assigned.caseId)) {
            // Registered before, but the confirmation was lost (e.g. a restart in between).
            m_adapter->confirmAssignedCase(assigned.caseId);
            m_adapter->enqueueStatusUpdate(*known);
            continue;
        }
        ServerStore::PushOutcome outcome;
        const Result pushed = pushAsBridge(m_adapter->registrationEvent(assigned), &outcome);
        if (!pushed.ok) {
            // A storage failure: leave the intake unconfirmed so it is offered again on the next pull.
            qWarning("city: assigned case %s not stored: %s", qPrintable(assigned.cityRequestId),
                     qPrintable(pushed.message.english()));
            continue;
        }
        if (outcome.status == QLatin1String("rejected")) {
            m_adapter->rejectAssignedCase(assigned.caseId, outcome.reason);
            continue;
        }
        m_adapter->confirmAssignedCase(assigned.caseId);
        if (outcome.status == QLatin1String("accepted")) {
            const Message deadline = assigned.deadline.isValid()
                                         ? Message(assigned.deadline.toTimeZone(WorkCalendar::districtZone()).toString(QStringLiteral("yyyy-MM-dd HH:mm")))
                                         : Message::translate("gw::CityBridge", "none given");
            const Result c = comment(assigned.caseId, Message::translate("gw::CityBridge", "Assigned by the city platform as request %1; the city's "
                                                         "deadline for the district: %2.")
                                                          .arg(assigned.cityRequestId, deadline).text());
            if (!c.ok)
                qWarning("city: intake comment on %s refused: %s", qPrintable(assigned.caseId), qPrintable(c.message.english()));
        }
        if (std::optional<CaseRecord> record = m_store->caseById(assigned.caseId))
            m_adapter->enqueueStatusUpdate(*record);
    }
}

void CityBridge::onExchange(const CityExchangeReport &exchange)
{
    if (!m_adapter || !exchange.milestone || exchange.caseId.isEmpty() || !m_store->caseById(exchange.caseId))
        return;
    const Result r = comment(exchange.caseId, exchange.auditText());
    if (!r.ok)
        qWarning("city: exchange not recorded on %s: %s", qPrintable(exchange.caseId), qPrintable(r.message.english()));
}

CityCaseState CityBridge::syncState(const QString &caseId) const
{
    return m_adapter ? m_adapter->syncState(caseId) : CityCaseState();
}

CityExchangeList CityBridge::exchanges() const
{
    CityExchangeList list;
    if (m_adapter) {
        // Against the data in force now: a category an administrator added since the start shows up at once.
        list.mappingGaps = m_adapter->mapping().gaps(CategoryCatalog::builtin(), OrgDirectory::builtin());
        for (const CityOutboxMessage &m : m_adapter->troubledMessages())
            list.exchanges.append(m.toExchange());
        for (const auto &[cityRequestId, reason] : m_adapter->outbox().rejectedIntakes()) {
            CityExchange intake;
            intake.direction = CityExchange::Direction::Down;
            intake.kind = CityExchange::Kind::AssignedCase;
            intake.state = CityExchange::State::Rejected;
            intake.cityRequestId = cityRequestId;
            intake.lastError = reason;
            list.exchanges.append(intake);
        }
    }
    return list;
}

Result CityBridge::retry(const QString &messageId)
{
    if (!m_adapter)
        return Result::failure(QStringLiteral("not_found"), Message::translate("gw::CityBridge", "The city exchange is not configured."));
    if (!m_adapter->outbox().message(messageId))
        return Result::failure(QStringLiteral("not_found"), Message::translate("gw::CityBridge", "There is no city message %1.").arg(messageId));
    return m_adapter->retryMessage(messageId);
}

void CityBridge::pull(std::function<void(const QJsonObject &)> done)
{
    connect(m_adapter.get(), &CityAdapter::pullFinished, this,
            [done](const Result &r, int received, int rejected) {
                QJsonObject answer{{QStringLiteral("ok"), r.ok}, {QStringLiteral("received"), received},
                                   {QStringLiteral("rejected"), rejected}};
                r.message.writeTo(answer, QStringLiteral("message"));
                done(answer);
            },
            Qt::SingleShotConnection);
    m_adapter->pullAssignedCases();  // joins a pull already under way
}

void CityBridge::reconcile(std::function<void(const QJsonObject &)> done)
{
    connect(m_adapter.get(), &CityAdapter::reconciled, this,
            [done](const Result &r, const QList<CityMismatch> &mismatches) {
                QJsonArray list;  // each a CityMismatch, as the admin view reads it
                for (const CityMismatch &m : mismatches)
                    list.append(m.toJson());
                QJsonObject answer{{QStringLiteral("ok"), r.ok}, {QStringLiteral("mismatches"), list}};
                r.message.writeTo(answer, QStringLiteral("message"));
                done(answer);
            },
            Qt::SingleShotConnection);
    m_adapter->reconcile(loadCases(m_adapter->linkedCaseIds()));
}

} // namespace gw
