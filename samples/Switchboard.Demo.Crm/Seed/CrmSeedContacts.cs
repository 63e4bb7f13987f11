namespace Switchboard.Demo.Crm.Seed;

/// <summary>
/// The CRM's people: US, UK and Chinese customers. Phones are as a sales team typed them, so the
/// formats are mostly "(415) 555-0134" and "+44 20 7946 0958" with a few irregular ones
/// ("312-555-0119", "020 7946 0312", "+44 (0)20 ...", "13917734852"). Four numbers are shared:
/// the Hudson Freight and 明辉贸易 switchboards and the Mitchell and Bennett family homes.
/// US numbers are in the 555-01xx range and UK landlines in Ofcom's drama ranges, so none reaches
/// a real person. The ERP seeds the same people with the same numbers, written as digits.
/// </summary>
internal static class CrmSeedContacts
{
    public static readonly IReadOnlyList<ContactSeed> All =
    [
        new("Emily", "Carter", "Bayview Dental Group", "(415) 555-0134", "(415) 555-0161", "emily.carter@bayviewdental.example", "en-US"),
        new("Marcus", "Lee", "Bayview Dental Group", "(415) 555-0135", null, "marcus.lee@bayviewdental.example", "en-US"),
        new("Daniel", "Reyes", "Hudson Freight Logistics", "(212) 555-0100", "(212) 555-0178", "d.reyes@hudsonfreight.example", "en-US"),
        new("Priya", "Shah", "Hudson Freight Logistics", "(212) 555-0100", "(646) 555-0112", "p.shah@hudsonfreight.example", "en-US"),
        new("Sarah", "Mitchell", null, "(312) 555-0147", "(312) 555-0188", "sarah.mitchell@mail.example", "en-US"),
        new("Tom", "Mitchell", null, "(312) 555-0147", null, "tom.mitchell@mail.example", "en-US"),
        new("Jessica", "Nguyen", "Golden Gate Coffee Roasters", "(415) 555-0172", null, "jessica@ggcoffee.example", "en-US"),
        new("Robert", "Kowalski", "Lakeshore Property Management", "312-555-0119", "(312) 555-0191", "rkowalski@lakeshorepm.example", "en-US"),
        new("Angela", "Brooks", "Lakeshore Property Management", "(312) 555-0120", null, "abrooks@lakeshorepm.example", "en-US"),
        new("David", "Goldberg", "Goldberg & Sons Jewelers", "(212) 555-0163", null, "david@goldbergsons.example", "en-US"),
        new("Maria", "Gonzalez", null, "(415) 555-0109", "(415) 555-0110", "maria.gonzalez@mail.example", "en-US"),
        new("James", "O'Connor", "Mission Street Bikes", "+1 415 555 0126", null, "james@missionbikes.example", "en-US"),
        new("Linda", "Park", "Parkside Pediatrics", "(312) 555-0154", "(773) 555-0142", "lpark@parksidepeds.example", "en-US"),
        new("Kevin", "Walsh", "Empire Office Supply", "(212) 555-0187", null, "kwalsh@empireoffice.example", "en-US"),
        new("Rachel", "Adams", "Empire Office Supply", "(212) 555-0188", null, "radams@empireoffice.example", "en-US"),
        new("Christopher", "Young", null, "(415) 555-0193", null, "chris.young@mail.example", "en-US"),
        new("Ashley", "Robinson", "Windy City Catering", "(312) 555-0166", null, "ashley@windycitycatering.example", "en-US"),
        new("Brian", "Murphy", "Windy City Catering", "(312) 555-0167", "(312) 555-0196", "brian@windycitycatering.example", "en-US"),
        new("Stephanie", "Chen", "Chen Architecture Studio", "(415) 555-0148", null, "stephanie@chenarch.example", "en-US"),
        new("Anthony", "Russo", null, "(212) 555-0129", "(917) 555-0133", "anthony.russo@mail.example", "en-US"),
        new("Nicole", "Foster", "Foster Veterinary Clinic", "(312) 555-0102", null, "nicole@fostervet.example", "en-US"),
        new("Jason", "Patel", "Patel Pharmacy", "(212) 555-0151", null, "jason@patelpharmacy.example", "en-US"),
        new("Oliver", "Bennett", null, "+44 161 496 0321", "+44 7400 123123", "oliver.bennett@mail.example", "en-GB"),
        new("Charlotte", "Bennett", null, "+44 161 496 0321", "+44 7400 123456", "charlotte.bennett@mail.example", "en-GB"),
        new("Harry", "Whitfield", "Whitfield & Hart Solicitors", "+44 20 7946 0958", null, "h.whitfield@whitfieldhart.example", "en-GB"),
        new("Amelia", "Hart", "Whitfield & Hart Solicitors", "+44 20 7946 0959", null, "a.hart@whitfieldhart.example", "en-GB"),
        new("George", "Patel", "Thames Valley Plumbing Ltd", "+44 118 496 0754", "+44 7400 123781", "george@tvplumbing.example", "en-GB"),
        new("Sophie", "Clarke", null, "020 7946 0312", "07400 123612", "sophie.clarke@mail.example", "en-GB"),
        new("William", "Hughes", "Northern Rail Parts Ltd", "+44 161 496 0870", null, "w.hughes@northernrailparts.example", "en-GB"),
        new("Isla", "Campbell", "Campbell Tartan Mills", "+44 131 496 0221", null, "isla@campbelltartan.example", "en-GB"),
        new("Jack", "Robertson", "Campbell Tartan Mills", "+44 131 496 0222", "+44 7400 123318", "jack@campbelltartan.example", "en-GB"),
        new("Emily", "Thompson", "Bristol Harbour Hotel", "+44 117 496 0418", null, "reservations@bristolharbourhotel.example", "en-GB"),
        new("Thomas", "Evans", null, "+44 29 2018 0654", null, "tom.evans@mail.example", "en-GB"),
        new("Grace", "O'Neill", "Belfast Print Works", "+44 28 9649 6104", null, "grace@belfastprint.example", "en-GB"),
        new("Samuel", "Wright", "Wright Logistics UK", "+44 20 7946 0411", "+44 7400 123902", "sam@wrightlogistics.example", "en-GB"),
        new("Lucy", "Morgan", null, "07400 123245", null, "lucy.morgan@mail.example", "en-GB"),
        new("伟", "王", "上海明辉贸易有限公司", "+86 21 6235 0188", "+86 138 1234 5678", "wang.wei@minghui-trade.example", "zh-CN"),
        new("敏", "张", "上海明辉贸易有限公司", "+86 21 6235 0188", "+86 139 1688 2043", "zhang.min@minghui-trade.example", "zh-CN"),
        new("娜", "李", null, "+86 139 0172 6645", null, "li.na@mail.example", "zh-CN"),
        new("强", "刘", "深圳华强电子科技有限公司", "+86 755 8376 2210", "+86 138 2657 9031", "liu.qiang@hq-electronics.example", "zh-CN"),
        new("静", "陈", "深圳华强电子科技有限公司", "+86 755 8376 2211", null, "chen.jing@hq-electronics.example", "zh-CN"),
        new("磊", "杨", null, "+86 138 0013 8821", null, "yang.lei@mail.example", "zh-CN"),
        new("芳", "赵", "北京新源餐饮管理有限公司", "+86 10 6552 3307", "+86 139 1011 4478", "zhao.fang@xinyuan-catering.example", "zh-CN"),
        new("洋", "黄", "广州恒通物流有限公司", "+86 20 3826 4190", "+86 138 2299 6013", "huang.yang@hengtong-log.example", "zh-CN"),
        new("艳", "周", null, "13917734852", null, "zhou.yan@mail.example", "zh-CN"),
        new("杰", "吴", "杭州云帆网络科技有限公司", "+86 571 8690 3325", "+86 139 5817 2260", "wu.jie@yunfan-tech.example", "zh-CN"),
        new("秀英", "徐", "杭州云帆网络科技有限公司", "+86 571 8690 3326", null, "xu.xiuying@yunfan-tech.example", "zh-CN"),
        new("勇", "孙", null, "+86 138 6120 5574", null, "sun.yong@mail.example", "zh-CN"),
        new("丽", "马", "成都锦城家具有限公司", "+86 28 8541 7760", "+86 139 8005 3391", "ma.li@jincheng-furniture.example", "zh-CN"),
        new("军", "朱", "南京金陵医疗器械有限公司", "+86 25 8462 1093", null, "zhu.jun@jinling-med.example", "zh-CN"),
        new("婷", "胡", null, "+86 139 2104 7785", "+86 139 2104 7785", "hu.ting@mail.example", "zh-CN"),
        new("超", "郭", "苏州工业园区精密模具有限公司", "+86 512 6295 4408", "+86 138 1355 0926", "guo.chao@precision-mold.example", "zh-CN"),
        new("欣怡", "林", null, "+86 138 5071 6642", null, "lin.xinyi@mail.example", "zh-CN"),
        new("浩", "何", "武汉长江建材有限公司", "+86 27 8577 3016", "+86 139 7101 8854", "he.hao@changjiang-bm.example", "zh-CN"),
        new("Eric", "Johansson", "North Loop Brewing Co.", "(312) 555-0138", null, "eric@northloopbrewing.example", "en-US"),
        new("Olivia", "Martinez", null, "(415) 555-0176", null, "olivia.martinez@mail.example", "en-US"),
        new("Freddie", "Shaw", "Shaw & Daughters Bakery", "+44 117 496 0583", null, "freddie@shawbakery.example", "en-GB"),
        new("Hannah", "Lewis", null, "+44 (0)20 7946 0677", null, "hannah.lewis@mail.example", "en-GB"),
        new("建华", "高", "天津港顺国际货运代理有限公司", "+86 22 2576 8830", null, "gao.jianhua@gangshun-freight.example", "zh-CN"),
        new("雪", "罗", null, "+86 139 6608 1127", null, "luo.xue@mail.example", "zh-CN"),
    ];
}
