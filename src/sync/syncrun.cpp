// SyncEngine's sync run: the district's reference data (issue 16), then the outbox pushed in batches (the next one
// uploading while the server answers the last), then pages pulled from the cursor.
#include "syncengine_p.h"

namespace gw {

void SyncEngine::Private::pushNext()
{
    sentUpTo = 0;
    prepared.reset();
    if (sendPushBatch())
        return;
    oneByOne = false;
    attempt = 0;
    pullNext();
}

std::optional<SyncEngine::Private::PushBatch> SyncEngine::Private::buildPushBatch(qint64 afterSeq) const
{
    if (user.id.isEmpty())
        return std::nullopt;  // nobody to send as (an empty author would mean everyone's)
    QList<qint64> seqs;
    // Only the signed-in person's own actions: another user's wait for their own sign-in (issue 17).
    const QList<CaseEvent> outbox =
        store->journal().outboxEvents(oneByOne ? 1 : batchLimit, afterSeq, &seqs, user.id);
    if (outbox.isEmpty())
        return std::nullopt;
    // Also bounded in bytes: the server takes at most 8 MiB per push, and long texts or many attachments
    // could make 1000 events larger than that.
    constexpr qsizetype MaxBodyBytes = 6 * 1024 * 1024;
    PushBatch batch;
    batch.afterSeq = afterSeq;
    PushRequest::Writer body;
    for (const CaseEvent &e : outbox) {
        const QByteArray event = JsonBytes::event(e, JsonBytes::payload(e.payload));
        if (!batch.events.isEmpty() && body.size() + event.size() + 2 > MaxBodyBytes)
            break;
        body.append(event);
        batch.events.append(e);
    }
    batch.body = body.finish();
    batch.upToSeq = seqs.at(batch.events.size() - 1);
    return batch;
}

bool SyncEngine::Private::sendPushBatch()
{
    std::optional<PushBatch> batch;
    if (prepared && prepared->afterSeq == sentUpTo && !oneByOne)
        batch = std::move(prepared);
    else
        batch = buildPushBatch(sentUpTo);
    prepared.reset();
    if (!batch)
        return false;
    sentUpTo = batch->upToSeq;
    QNetworkReply *r = sendRaw("POST", QStringLiteral("/api/v1/events"), {}, batch->body, QByteArrayLiteral("application/json"));
    reply = r;
    const QList<CaseEvent> sent = batch->events;
    QObject::connect(r, &QNetworkReply::finished, q, [this, r, sent]() { onPushed(r, sent); });
    return true;
}

void SyncEngine::Private::onPushed(QNetworkReply *r, const QList<CaseEvent> &sent)
{
    // The answer before this one is applied first, whatever this one says.
    if (!runDeferredAnswer())
        return;
    QStringList ids;
    for (const CaseEvent &e : sent)
        ids.append(e.id);
    r->deleteLater();
    const QByteArray raw = r->readAll();
    const int code = status(r);
    bool retryable = false;
    if (code != 200) {
        const Message message = describe(r, raw, &retryable);
        if (code == 401)
            return sessionExpired(message);
        if (code == 400 || code == 413 || code == 415 || code == 422) {
            // The server refused the batch as a whole: narrow down to the event it cannot take,
            // which then waits in the conflict inbox instead of blocking everything behind it.
            if (ids.size() > 1) {
                oneByOne = true;
                return pushNext();
            }
            const QJsonObject body = json(raw);
            const Result rejected = store->journal().rejectOutboxEvent(ids.first(), body.value(QStringLiteral("error")).toString(), message);
            if (!rejected.ok)
                return finish(false, rejected.message);
            emit q->conflictsChanged(store->journal().openConflictCount());
            oneByOne = false;
            return pushNext();
        }
        return retryOrFail(message, retryable, [this]() { pushNext(); }, ids);
    }
    attempt = 0;
    // The server takes the next batch while this answer is applied here. It has finished this batch, so
    // the order of events is kept; a failure below drops the next batch, whose events stay in the outbox
    // (a replay of anything the server already took comes back as a duplicate).
    QNetworkReply *next = !oneByOne && sendPushBatch() ? reply.data() : nullptr;
    if (!next)
        return applyPushAnswer(raw, sent, nullptr);
    // Qt's network thread takes a request body from this thread's event loop, 32 KiB at a time: applying
    // the answer now would hold the next batch back for as long as that takes (measured: 120-200 ms of
    // each 1000-event push). So the answer waits until the body is handed over, which is soon; the server
    // is still working on it then. (Or until the next answer comes, if the upload never completes.)
    deferredAnswer = [this, raw, sent, next]() { applyPushAnswer(raw, sent, next); };
    QObject::connect(next, &QNetworkReply::uploadProgress, q, [this](qint64 sentBytes, qint64 totalBytes) {
        if (totalBytes > 0 && sentBytes >= totalBytes)
            runDeferredAnswer();
    });
}

bool SyncEngine::Private::runDeferredAnswer()
{
    if (!deferredAnswer)
        return true;
    const std::function<void()> apply = std::move(deferredAnswer);
    deferredAnswer = nullptr;
    apply();
    return running;
}

void SyncEngine::Private::applyPushAnswer(const QByteArray &raw, const QList<CaseEvent> &sent, QNetworkReply *next)
{
    QHash<QString, qsizetype> sentAt;
    for (qsizetype i = 0; i < sent.size(); ++i)
        sentAt.insert(sent.at(i).id, i);
    auto fail = [this, next](const QString &message) { finishDropping(next, message); };
    PushAnswer answer;
    Message why;
    if (!PushAnswer::fromJson(json(raw), &answer, &why))
        return fail(tr("The server's answer to the push cannot be read: %1").arg(why));
    QList<CaseEvent> accepted;
    int rejectedCount = 0;
    for (const PushResult &result : std::as_const(answer.results)) {
        const auto at = sentAt.constFind(result.id);
        if (at == sentAt.constEnd())
            continue;  // only ever act on what we sent
        if (result.status == PushResult::Status::Rejected) {
            const Result rejected = store->journal().rejectOutboxEvent(result.id, result.code, result.reason);
            if (!rejected.ok)
                return fail(rejected.message);
            ++rejectedCount;
            continue;
        }
        CaseEvent e;
        if (result.hasEvent)
            e = result.event;
        else if (!acceptedAsSent(sent.at(*at), result, &e))
            return fail(tr("The server accepted event %1 without saying where it stands.").arg(result.id));
        accepted.append(e);
    }
    std::sort(accepted.begin(), accepted.end(),
              [](const CaseEvent &a, const CaseEvent &b) { return a.serverSeq < b.serverSeq; });
    if (!accepted.isEmpty()) {
        const Result applied = store->journal().applyRemote(accepted);
        if (!applied.ok)
            return fail(applied.message);
    }
    if (rejectedCount > 0)
        emit q->conflictsChanged(store->journal().openConflictCount());
    const int done = accepted.size() + rejectedCount;
    if (done == 0)
        return fail(tr("The server answered the push without a result for the events sent."));
    pushed += done;
    emit q->progress(pushed, qMax(toPush, pushed), pulled);
    if (!next) {
        oneByOne = false;
        pushNext();
        return;
    }
    // While the server works on the next batch, the one after it is read and serialized, so it leaves
    // as soon as the answer arrives. Events re-sealed here in the meantime are re-sealed by the server too.
    prepared = buildPushBatch(sentUpTo);
}

bool SyncEngine::Private::acceptedAsSent(const CaseEvent &pushed, const PushResult &result, CaseEvent *out)
{
    if (result.caseSeq != pushed.caseSeq || result.hash != pushed.hash)
        return false;
    *out = pushed;
    out->serverSeq = result.serverSeq;
    out->serverTime = result.serverTime;
    return true;
}

void SyncEngine::Private::pullNext(const QString &after)
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("after"), after.isNull() ? store->journal().syncValue(QStringLiteral("cursor")) : after);
    query.addQueryItem(QStringLiteral("limit"), QString::number(pullPage));
    QNetworkReply *r = send("GET", QStringLiteral("/api/v1/events"), query);
    QObject::connect(r, &QNetworkReply::finished, q, [this, r]() { onPulled(r); });
}

void SyncEngine::Private::onPulled(QNetworkReply *r)
{
    const QByteArray raw = takeAnswer(r);
    const int code = status(r);
    if (code != 200)
        return failedRead(r, raw, [this]() { pullNext(); });
    attempt = 0;
    PullPage page;
    Message why;
    if (!PullPage::fromJson(json(raw), &page, &why))
        return finish(false, tr("The server's answer to the pull cannot be read: %1").arg(why));
    const QList<CaseEvent> &events = page.events;
    const QString &next = page.nextCursor;
    // The server reads the next page while this one is applied here. The cursor is saved only after
    // applying, so a failure (or a crash) before that simply reads the same page again.
    const bool more = page.hasMore && !events.isEmpty() && !next.isEmpty();
    if (more)
        pullNext(next);
    QNetworkReply *prefetch = more ? reply.data() : nullptr;
    auto failAfterPrefetch = [this, prefetch](const QString &message) { finishDropping(prefetch, message); };
    if (!events.isEmpty()) {
        // Applying is idempotent, so a crash between these two steps only repeats this page.
        const Result applied = store->journal().applyRemote(events);
        if (!applied.ok)
            return failAfterPrefetch(applied.message);
    }
    if (!next.isEmpty()) {
        const Result saved = store->journal().setSyncValue(QStringLiteral("cursor"), next);
        if (!saved.ok)
            return failAfterPrefetch(saved.message);
    }
    pulled += events.size();
    emit q->progress(pushed, qMax(toPush, pushed), pulled);
    if (!more)
        finish(true, tr("Sync finished: %1 sent, %2 received.").arg(pushed).arg(pulled));
}

void SyncEngine::Private::pullReference()
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("have"), ReferenceSet::haveToString(ReferenceCache(store->journal()).versions()));
    query.addQueryItem(QStringLiteral("kinds"), ReferenceSet::kindsToString());
    QNetworkReply *r = send("GET", QStringLiteral("/api/v1/reference"), query);
    QObject::connect(r, &QNetworkReply::finished, q, [this, r]() { onReference(r); });
}

void SyncEngine::Private::onReference(QNetworkReply *r)
{
    const QByteArray raw = takeAnswer(r);
    if (status(r) != 200)
        return failedRead(r, raw, [this]() { pullReference(); });
    ReferenceAnswer answer;
    Message why;
    if (!ReferenceAnswer::fromJson(json(raw), &answer, &why))
        return finish(false, tr("The server's reference data cannot be read: %1").arg(why));
    const Result applied = ReferenceCache(store->journal()).apply(answer);
    if (!applied.ok)
        return finish(false, applied.message.text());
    if (!answer.sets.isEmpty())
        emit q->referenceDataChanged();
    pushNext();
}

} // namespace gw
