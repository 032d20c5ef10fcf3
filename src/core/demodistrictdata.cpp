#include "demodistrictdata.h"
#include <iterator>

namespace gw::demodata {

namespace {

// What grid members and the 12345 hotline actually pass on, by category.
const Sample Samples[] = {
    {"city_appearance", "street_vending", nullptr, "人民路夜市占道经营", "晚七点后人民路两侧摊贩占用人行道经营，行人只能走机动车道。", 6},
    {"city_appearance", "garbage", nullptr, "小区垃圾清运不及时", "垃圾桶满溢三天无人清运，气味较大，居民多次反映。", 7},
    {"city_appearance", "illegal_construction", nullptr, "楼顶违章搭建彩钢棚", "6号楼楼顶新搭彩钢棚约40平方米，存在安全隐患。", 5},
    {"city_appearance", "billboard", nullptr, "户外广告牌松动", "沿街商铺广告牌一角脱落，大风天气有坠落危险。", 3},
    {"construction", "site_noise", nullptr, "工地夜间施工噪音扰民", "工地晚十点后仍在打桩，附近居民无法休息。", 4},
    {"construction", "building_safety", nullptr, "老旧楼道墙体开裂", "3单元楼道墙体出现多条裂缝，居民担心结构安全。", 2},
    {"environment", "air", nullptr, "餐饮店油烟直排", "底商烧烤店未安装油烟净化设备，油烟直排居民窗口。", 4},
    {"environment", "water_pollution", nullptr, "河道漂浮物较多", "盘龙江该段河面漂浮生活垃圾和水草。", 2},
    {"water", "drainage", nullptr, "雨水井盖破损", "路口雨水井盖破损下陷，夜间行人易踩空。", 5},
    {"water", "water_supply", nullptr, "小区供水管网漏水", "小区主干道地面持续渗水，疑似供水管破裂。", 3},
    {"traffic", "signals", "dept.jiaojing", "路口信号灯故障", "十字路口东西向信号灯不亮，高峰时段交通混乱。", 3},
    {"traffic", "road_damage", nullptr, "人行道地砖松动破损", "约20米人行道地砖松动翘起，老人通行不便。", 4},
    {"traffic", "parking", nullptr, "共享单车乱停放堵塞通道", "地铁口共享单车堆放，堵塞盲道和出入口。", 4},
    {"fire_safety", "blocked_exit", nullptr, "楼道堆放杂物堵塞消防通道", "高层住宅楼道堆放纸箱和电动车，堵塞安全出口。", 4},
    {"fire_safety", "hazard", nullptr, "电动车楼内违规充电", "居民从楼道窗口私拉电线给电动车充电。", 4},
    {"land", "geohazard", nullptr, "山体滑坡隐患", "雨后边坡有碎石滑落，坡下为居民通道。", 1},
    {"agriculture", "farmland", nullptr, "基本农田堆放建筑垃圾", "村旁农田被倾倒建筑垃圾约30方。", 1},
    {"market", "food_safety", nullptr, "无证经营早点摊", "学校门口早点摊无健康证经营，卫生条件差。", 3},
    {"industry", "telecom", nullptr, "通信线缆垂落", "通信线缆从电杆垂落至人行道，影响通行。", 2},
    {"other", "other", "dept.weijian", "独居老人身体不适无人照看", "社区独居老人近日身体不适，子女在外地，需协调上门巡诊。", 1},
    {"water", "drainage", nullptr, "人行道井盖缺失", "人行道上一处污水井盖缺失，仅用树枝遮挡，行人极易跌落。", 4},
    {"water", "drainage", nullptr, "下水道堵塞污水外溢", "小区门口下水道堵塞，污水漫至路面，气味难闻。", 5},
    {"water", "river", nullptr, "河道护栏损坏", "沿河步道护栏约5米断裂缺失，临水一侧存在坠落风险。", 2},
    {"other", "other", "dept.chengguan", "主干道路灯成片不亮", "约200米路段路灯夜间全部不亮，行人和车辆通行不便。", 4},
    {"city_appearance", "street_vending", nullptr, "学校门口流动摊贩占道", "放学时段校门口聚集流动摊贩，占用人行道和非机动车道。", 3},
    {"city_appearance", "garbage", nullptr, "路边装修垃圾堆放", "路边空地堆放装修建筑垃圾约10方，无人清运，影响市容。", 4},
    {"city_appearance", "illegal_construction", nullptr, "底商违规外扩搭建", "临街商铺向人行道外扩搭建雨棚和围挡约15平方米。", 3},
    {"construction", "property", nullptr, "小区电梯频繁故障", "小区3栋电梯一周内停运三次，物业未及时维修，老人上下楼困难。", 3},
    {"environment", "noise", nullptr, "广场舞音响噪声扰民", "晚九点后广场舞音响音量过大，周边居民无法休息。", 4},
    {"environment", "noise", nullptr, "商铺高音喇叭招揽顾客", "沿街商铺使用高音喇叭循环播放促销广告，噪声扰民。", 3},
    {"traffic", "road_damage", nullptr, "道路坑槽积水", "主干道出现直径约1米的坑槽，雨后积水，车辆通行颠簸。", 3},
    {"traffic", "parking", "dept.jiaojing", "机动车占用消防通道停放", "小区消防通道长期被私家车占用，消防车无法进入。", 3},
    {"fire_safety", "hazard", nullptr, "沿街店铺私拉乱接电线", "店铺门前私拉电线，接头裸露，雨天存在漏电和火灾隐患。", 2},
    {"land", "land_use", nullptr, "违法占用林地建房", "山脚林地有人新建砖混房屋约80平方米，未见审批手续。", 1},
    {"agriculture", "livestock", nullptr, "养殖场粪污直排沟渠", "村旁生猪养殖场粪污未经处理直接排入灌溉沟渠。", 1},
    {"industry", "enterprise_safety", nullptr, "小作坊违规存放易燃物", "居民楼底层小作坊堆放大量油漆和稀释剂，无消防设施。", 1},
    {"market", "food_safety", nullptr, "超市销售过期食品", "居民反映超市货架上有过期一周的乳制品仍在销售。", 2},
    {"market", "pricing", nullptr, "农贸市场缺斤短两", "多名居民反映农贸市场个别摊位电子秤不准，缺斤短两。", 2},
    {"other", "other", "dept.weijian", "小区鼠患严重", "小区垃圾房周边老鼠成群，居民担心传播疾病。", 2},
    {"city_appearance", "garbage", nullptr, "公厕卫生脏乱差", "农贸市场旁公厕无人保洁，地面积水，异味严重。", 2},
};

// Approximate areas, north of the old city (拓东, 鼓楼, 东华) up to the mountain streets (滇源, 阿子营).
const Street Streets[] = {
    {"street.tuodong", 102.712, 25.028, 102.732, 25.042, {"拓东路", "白塔路", "东风东路", "塘子巷"}, 14},
    {"street.gulou", 102.700, 25.044, 102.718, 25.060, {"北京路", "圆通街", "青年路", "北门街"}, 12},
    {"street.donghua", 102.722, 25.044, 102.742, 25.060, {"白龙路", "菊华路", "东华北路", "金色大道"}, 11},
    {"street.lianmeng", 102.712, 25.062, 102.732, 25.085, {"联盟路", "北辰大道", "穿金路", "北京路延长线"}, 10},
    {"street.jinchen", 102.734, 25.062, 102.752, 25.082, {"金辰路", "霖雨路", "新迎路", "金尚路"}, 9},
    {"street.qingyun", 102.748, 25.040, 102.772, 25.062, {"青云路", "世博路", "云波路", "金实路"}, 9},
    {"street.longquan", 102.738, 25.088, 102.768, 25.118, {"龙泉路", "司家营路", "蓝龙潭路", "桃园街"}, 9},
    {"street.ciba", 102.752, 25.120, 102.790, 25.160, {"茨坝路", "中铁路", "金瓯路", "落索坡路"}, 7},
    {"street.shuanglong", 102.770, 25.080, 102.830, 25.130, {"双龙路", "十里铺路", "桃源路", "小河路"}, 7},
    {"street.songhua", 102.785, 25.150, 102.860, 25.220, {"松华坝路", "大摆路", "小河村路", "龙潭路"}, 5},
    {"street.dianyuan", 102.820, 25.250, 102.900, 25.350, {"甸尾路", "白邑路", "中和路", "苍龙路"}, 4},
    {"street.aziying", 102.750, 25.240, 102.820, 25.330, {"阿子营路", "铁冲路", "长坡路", "大营路"}, 3},
};

const char *const Surnames[] = {"张", "李", "王", "赵", "刘", "陈", "杨", "黄", "周", "吴", "段", "普", "和", "字"};
const char *const AnalysisNotes[] = {"需部门协同处置", "属部门职责，建议吹哨", "现场核实情况属实，需职能部门到场",
                                     "涉及多个部门，建议吹哨处置"};
const char *const StreetNotes[] = {"街道可自行处置", "问题较小，由街道城管中队处置", "社区网格员可协调解决"};
const char *const ReviewNotes[] = {"同意吹哨", "同意，请按时限处置", "同意研判意见"};
const char *const ReviewReturns[] = {"研判意见未写明主办部门，请补充后重新提交", "事发地点描述不清，请补充具体门牌号",
                                     "分类有误，请重新研判"};
const char *const Rejections[] = {"经核实属于物业管理范围，已告知居民联系物业", "不属于网格化管理事项，建议通过12345热线转办",
                                  "现场核实问题已不存在"};
const char *const CheckInNotes[] = {"已安排人员到场", "已收到，今天下午到现场查看", "已派执法中队前往核实", ""};
const char *const Feedbacks[] = {"已现场处置完毕，附处置前后照片。", "已责令当事人立即整改，现场已恢复。",
                                 "已安排维修班组更换损坏设施，经复查运行正常。", "已联合社区清理完毕，并建立长效巡查机制。",
                                 "已依法立案查处，现场问题已消除。"};
const char *const StreetFeedbacks[] = {"街道城管中队已现场清理完毕。", "社区已协调当事人自行整改，现场已恢复。",
                                       "街道已组织人员处理，附整改照片。"};
const char *const ReturnReasons[] = {"经现场核实，该事项不属于本部门职责，建议由%1处置",
                                     "该设施产权不属于本部门，请转%1办理"};
const char *const PostponeReasons[] = {"需协调产权单位共同维修，材料采购需要时间", "涉及地下管线迁改，需等待燃气公司配合勘察",
                                       "当事人外出，需等待其返回后依法处理", "连续降雨无法施工，申请延期"};
const char *const PostponeDenials[] = {"该事项可在原期限内完成，请加快处置", "理由不充分，请按原时限办结"};
const char *const ReworkReasons[] = {"现场复核仍有垃圾残留，请彻底清理", "设施已更换但周边路面未恢复，请整改到位",
                                     "居民反映问题仍然存在，请重新处置"};
const char *const ClosingSummaries[] = {"问题已解决，群众满意", "已按要求处置完毕，回访无异议", "问题已解决，已建立长效管理",
                                        "处置完毕，回访群众基本认可"};
const char *const EscalationReasons[] = {"涉及跨区域管网改造，需市级部门协调", "涉及市级审批事项，报市级平台协调处置",
                                         "区级部门职责交叉，需市级统筹"};
const char *const Comments[] = {"请尽快处置，居民反映强烈", "已电话联系部门，今天到场", "请注意现场安全，做好围挡",
                                "社区已安排网格员跟进"};
const char *const SupervisorComments[] = {"督办：已超期，请加快处置并反馈进度", "督办：请主办部门说明未报到原因"};
const char *const RatingComments[] = {"处置及时，效果好", "态度积极", "处置较慢，但结果满意", ""};
const char *const Landmarks[] = {"小区门口", "公交站旁", "农贸市场旁", "学校门口", "巷口", "沿街商铺前", "停车场入口"};

template <std::size_t N>
Texts of(const char *const (&list)[N])
{
    return {list, N};
}

} // namespace

const Sample *samples() { return Samples; }
std::size_t sampleCount() { return std::size(Samples); }
const Street *streets() { return Streets; }
std::size_t streetCount() { return std::size(Streets); }

const Street *street(const QString &id)
{
    for (const Street &s : Streets)
        if (id == QLatin1String(s.id))
            return &s;
    return nullptr;
}

Texts texts(Pool pool)
{
    switch (pool) {
    case Pool::Surname: return of(Surnames);
    case Pool::AnalysisNote: return of(AnalysisNotes);
    case Pool::StreetNote: return of(StreetNotes);
    case Pool::ReviewNote: return of(ReviewNotes);
    case Pool::ReviewReturn: return of(ReviewReturns);
    case Pool::Rejection: return of(Rejections);
    case Pool::CheckInNote: return of(CheckInNotes);
    case Pool::Feedback: return of(Feedbacks);
    case Pool::StreetFeedback: return of(StreetFeedbacks);
    case Pool::ReturnReason: return of(ReturnReasons);
    case Pool::PostponeReason: return of(PostponeReasons);
    case Pool::PostponeDenied: return of(PostponeDenials);
    case Pool::ReworkReason: return of(ReworkReasons);
    case Pool::ClosingSummary: return of(ClosingSummaries);
    case Pool::EscalationReason: return of(EscalationReasons);
    case Pool::Comment: return of(Comments);
    case Pool::SupervisorComment: return of(SupervisorComments);
    case Pool::RatingComment: return of(RatingComments);
    case Pool::Landmark: return of(Landmarks);
    }
    return {nullptr, 0};
}

} // namespace gw::demodata
