#include "guidemodata.h"
#include "applicationcontext.h"
#include "casestore.h"
#include "categorycatalog.h"
#include "eventbuilder.h"
#include "orgdirectory.h"
#include <QRandomGenerator>
#include <iterator>

namespace gw::demo {

namespace {

struct Sample {
    const char *category;
    const char *subcategory;
    const char *title;
    const char *description;
};

// What grid members actually report, by category (titles 10-20 characters, as in the district's ledger).
const Sample Samples[] = {
    {"city_appearance", "street_vending", "人民路夜市占道经营", "晚七点后人民路两侧摊贩占用人行道经营，行人只能走机动车道。"},
    {"city_appearance", "garbage", "小区垃圾清运不及时", "垃圾桶满溢三天无人清运，气味较大，居民多次反映。"},
    {"city_appearance", "illegal_construction", "楼顶违章搭建彩钢棚", "6号楼楼顶新搭彩钢棚约40平方米，存在安全隐患。"},
    {"city_appearance", "billboard", "户外广告牌松动", "沿街商铺广告牌一角脱落，大风天气有坠落危险。"},
    {"construction", "site_noise", "工地夜间施工噪音扰民", "工地晚十点后仍在打桩，附近居民无法休息。"},
    {"construction", "building_safety", "老旧楼道墙体开裂", "3单元楼道墙体出现多条裂缝，居民担心结构安全。"},
    {"environment", "air", "餐饮店油烟直排", "底商烧烤店未安装油烟净化设备，油烟直排居民窗口。"},
    {"environment", "water_pollution", "河道漂浮物较多", "盘龙江该段河面漂浮生活垃圾和水草。"},
    {"water", "drainage", "雨水井盖破损", "路口雨水井盖破损下陷，夜间行人易踩空。"},
    {"water", "water_supply", "小区供水管网漏水", "小区主干道地面持续渗水，疑似供水管破裂。"},
    {"traffic", "signals", "路口信号灯故障", "十字路口东西向信号灯不亮，高峰时段交通混乱。"},
    {"traffic", "road_damage", "人行道地砖松动破损", "约20米人行道地砖松动翘起，老人通行不便。"},
    {"traffic", "parking", "共享单车乱停放堵塞通道", "地铁口共享单车堆放，堵塞盲道和出入口。"},
    {"fire_safety", "blocked_exit", "楼道堆放杂物堵塞消防通道", "高层住宅楼道堆放纸箱和电动车，堵塞安全出口。"},
    {"fire_safety", "hazard", "电动车楼内违规充电", "居民从楼道窗口私拉电线给电动车充电。"},
    {"land", "geohazard", "山体滑坡隐患", "雨后边坡有碎石滑落，坡下为居民通道。"},
    {"agriculture", "farmland", "基本农田堆放建筑垃圾", "村旁农田被倾倒建筑垃圾约30方。"},
    {"market", "food_safety", "无证经营早点摊", "学校门口早点摊无健康证经营，卫生条件差。"},
    {"industry", "telecom", "通信线缆垂落", "通信线缆从电杆垂落至人行道，影响通行。"},
    {"other", "other", "独居老人求助", "独居老人家中水管冻裂，无人协助维修。"},
};

const char *const Roads[] = {"人民中路", "拓东路", "北京路", "白塔路", "东风东路", "金实路", "龙泉路", "穿金路",
                             "茨坝街", "沣源路", "青云街", "小坝路"};
const char *const Reporters[] = {"张", "李", "王", "赵", "刘", "陈", "杨", "黄"};

CaseDraft draftFor(QRandomGenerator &rng, int i)
{
    const OrgDirectory &org = OrgDirectory::builtin();
    const Sample &s = Samples[i % int(std::size(Samples))];
    const QList<OrgUnit> streets = org.unitsOfKind(OrgUnit::Kind::Street);
    // A third of the cases are in 拓东 so the street operator's views have something to show.
    const OrgUnit &street = (i % 3 == 0) ? *org.find(QStringLiteral("street.tuodong"))
                                         : streets.at(int(rng.bounded(streets.size())));
    const QList<OrgUnit> communities = org.communitiesOf(street.id);
    CaseDraft d;
    d.title = QString::fromUtf8(s.title);
    d.description = QString::fromUtf8(s.description);
    d.categoryId = QLatin1String(s.category);
    d.subcategoryId = QLatin1String(s.subcategory);
    d.streetId = street.id;
    if (!communities.isEmpty())
        d.communityId = communities.at(int(rng.bounded(communities.size()))).id;
    d.address = QStringLiteral("盘龙区%1%2号").arg(QString::fromUtf8(Roads[rng.bounded(int(std::size(Roads)))]))
                    .arg(1 + rng.bounded(300));
    d.gridCell = QStringLiteral("PL-%1-%2").arg(street.id.section(QLatin1Char('.'), 1)).arg(1 + rng.bounded(40), 3, 10,
                                                                                                QLatin1Char('0'));
    const int u = int(rng.bounded(10));
    d.urgency = u < 7 ? Urgency::Normal : u < 9 ? Urgency::Urgent : Urgency::Critical;
    d.reporterName = QString::fromUtf8(Reporters[rng.bounded(int(std::size(Reporters)))]) + QStringLiteral("先生");
    d.reporterPhone = QStringLiteral("1390871%1").arg(rng.bounded(10000), 4, 10, QLatin1Char('0'));
    return d;
}

} // namespace

User user(const QString &id)
{
    if (id.startsWith(QLatin1String("handler:"))) {
        User u;
        u.orgUnitId = id.mid(8);
        u.id = QStringLiteral("handler.") + u.orgUnitId.section(QLatin1Char('.'), 1);
        u.name = OrgDirectory::builtin().nameOf(u.orgUnitId) + QStringLiteral("处置员");
        u.role = Role::DepartmentHandler;
        return u;
    }
    for (const User &u : ApplicationContext::demoUsers())
        if (u.id == id)
            return u;
    return {};
}

Result populate(CaseStore *store, int count, quint32 seed, QStringList *caseIds)
{
    QRandomGenerator rng(seed);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (int i = 0; i < count; ++i) {
        const Stage stage = Stage(i % StageCount);
        const CaseDraft draft = draftFor(rng, i);
        // Older cases first; every step an hour after the previous one.
        QDateTime clock = now.addSecs(-qint64(rng.bounded(21 * 24)) * 3600 - 12 * 3600);
        auto at = [&clock]() { return clock; };
        auto step = [&](const QString &actorId, auto makeEvent) -> Result {
            clock = clock.addSecs(3600);
            const EventBuilder builder(user(actorId), store->deviceId(), at);
            CaseEvent e = makeEvent(builder);
            return store->append(e);
        };
        const User registrar = draft.streetId == QLatin1String("street.tuodong")
                                   ? user(draft.communityId == QLatin1String("community.tuodong.1")
                                              ? QStringLiteral("shifu") : QStringLiteral("tuodong"))
                                   : user(QStringLiteral("dispatcher"));
        CaseEvent reg = EventBuilder(registrar, store->deviceId(), at).registerCase(draft);
        Result r = store->append(reg);
        if (!r.ok)
            return r;
        const QString id = reg.caseId;
        if (caseIds)
            caseIds->append(id);
        if (stage == Stage::Registered)
            continue;
        const QString dispatcher = QStringLiteral("dispatcher");
        if (stage == Stage::StreetHandling) {
            r = step(dispatcher, [&](const EventBuilder &b) {
                return b.make(EventType::Analyzed, id,
                              {{"decision", "street"}, {"note", QStringLiteral("街道可自行处置")},
                               {"due", CaseEvent::timeToString(clock.addDays(3))}});
            });
            if (!r.ok)
                return r;
            continue;
        }
        r = step(dispatcher, [&](const EventBuilder &b) {
            return b.make(EventType::Analyzed, id, {{"decision", "whistle"}, {"note", QStringLiteral("需部门协同处置")}});
        });
        if (!r.ok)
            return r;
        if (stage == Stage::Analyzed)
            continue;
        r = step(QStringLiteral("reviewer"), [&](const EventBuilder &b) {
            return b.make(EventType::Reviewed, id, {{"decision", "approve"}, {"reason", QStringLiteral("同意吹哨")}});
        });
        if (!r.ok)
            return r;
        if (stage == Stage::Approved)
            continue;
        const Category *cat = CategoryCatalog::builtin().find(draft.categoryId);
        const QString lead = cat && !cat->suggestedDepartments.isEmpty() ? cat->suggestedDepartments.first()
                                                                          : QStringLiteral("dept.chengguan");
        r = step(dispatcher, [&](const EventBuilder &b) { return b.whistle(*store->caseById(id), lead, {}); });
        if (!r.ok)
            return r;
        if (stage == Stage::Whistled)
            continue;
        const QString handler = QStringLiteral("handler:") + lead;
        r = step(handler, [&](const EventBuilder &b) {
            return b.make(EventType::CheckedIn, id, {{"department", lead}, {"note", QStringLiteral("已安排人员到场")}});
        });
        if (!r.ok)
            return r;
        if (stage == Stage::Handling)
            continue;
        r = step(handler, [&](const EventBuilder &b) {
            return b.make(EventType::Handled, id,
                          {{"department", lead}, {"feedback", QStringLiteral("已现场处置完毕，附处置前后照片。")}});
        });
        if (!r.ok)
            return r;
        if (stage == Stage::Handled)
            continue;
        r = step(dispatcher, [&](const EventBuilder &b) {
            return b.make(EventType::Verified, id, {{"passed", true}, {"reason", QString()}});
        });
        if (!r.ok)
            return r;
        if (stage == Stage::Verified)
            continue;
        r = step(dispatcher, [&](const EventBuilder &b) {
            return b.make(EventType::Closed, id,
                          {{"summary", QStringLiteral("问题已解决，群众满意")}, {"satisfaction", "satisfied"},
                           {"callbackContact", draft.reporterName}, {"callbackBy", QStringLiteral("调度员")}});
        });
        if (!r.ok)
            return r;
    }
    return Result::success();
}

Result bulkRegister(CaseStore *store, int count, quint32 seed, int batch,
                    const std::function<void(int done)> &progress)
{
    QRandomGenerator rng(seed);
    const QDateTime start = QDateTime::currentDateTimeUtc().addDays(-365);
    const User dispatcher = user(QStringLiteral("dispatcher"));
    int done = 0;
    while (done < count) {
        QList<CaseEvent> events;
        const int n = qMin(batch, count - done);
        events.reserve(n);
        for (int k = 0; k < n; ++k) {
            const QDateTime t = start.addSecs(qint64(done + k) * 365 * 24 * 3600 / qMax(1, count));
            const EventBuilder builder(dispatcher, store->deviceId(), [t] { return t; });
            events.append(builder.registerCase(draftFor(rng, done + k)));
        }
        int failed = -1;
        const Result r = store->appendBatch(events, &failed);
        if (!r.ok)
            return r;
        done += n;
        if (progress)
            progress(done);
    }
    return Result::success();
}

} // namespace gw::demo
