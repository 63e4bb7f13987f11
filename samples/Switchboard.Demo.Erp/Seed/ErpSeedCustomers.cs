namespace Switchboard.Demo.Erp.Seed;

/// <summary>
/// The ERP's customers. Most are the CRM's people and companies under other ids, with the same
/// phone numbers written as digits with the country code, so a screen pop can join the two by
/// phone; a few exist only here. Companies are billed under their legal names and accounts
/// mailboxes. 明辉贸易 and its logistics arm share one switchboard number.
/// </summary>
internal static class ErpSeedCustomers
{
    public static readonly IReadOnlyList<ErpCustomerSeed> All =
    [
        new("C10002", "Sophie Clarke", "447400123612", "sophie.clarke@mail.example", null, "GBP"),
        new("C10009", "Hannah Lewis", "442079460677", "hannah.lewis@mail.example", null, "GBP"),
        new("C10014", "Sarah Mitchell", "13125550147", "sarah.mitchell@mail.example", null, "USD"),
        new("C10016", "Thomas Evans", "442920180654", "tom.evans@mail.example", null, "GBP"),
        new("C10018", "Acme Restaurant Supply Inc.", "13125550174", "ap@acmerestaurantsupply.example", null, "USD"),
        new("C10019", "广州恒通物流有限公司", "862038264190", "accounts@hengtong-log.example", "914401017MATQQ17T1", "CNY"),
        new("C10025", "厦门海韵茶业有限公司", "865922053318", "haiyun.tea@mail.example", "913502034BQ5HYQXGX", "CNY"),
        new("C10026", "李娜", "8613901726645", "li.na@mail.example", null, "CNY"),
        new("C10034", "Wright Logistics UK", "442079460411", "accounts@wrightlogistics.example", "GB310341316", "GBP"),
        new("C10049", "Christopher Young", "14155550193", "chris.young@mail.example", null, "USD"),
        new("C10055", "Kensington Florists Ltd", "442079460733", "orders@kensingtonflorists.example", "GB482814893", "GBP"),
        new("C10059", "罗雪", "8613966081127", "luo.xue@mail.example", null, "CNY"),
        new("C10061", "天津港顺国际货运代理有限公司", "862225768830", "accounts@gangshun-freight.example", "91120116UY0MP3MWHQ", "CNY"),
        new("C10063", "上海明辉贸易有限公司", "862162350188", "accounts@minghui-trade.example", "913101048ELTB5BB6M", "CNY"),
        new("C10072", "杨磊", "8613800138821", "yang.lei@mail.example", null, "CNY"),
        new("C10085", "Patel Pharmacy Inc.", "12125550151", "accounts@patelpharmacy.example", null, "USD"),
        new("C10087", "Windy City Catering LLC", "13125550166", "accounts@windycitycatering.example", null, "USD"),
        new("C10091", "Chen Architecture Studio", "14155550148", "accounts@chenarch.example", null, "USD"),
        new("C10104", "Empire Office Supply Corp.", "12125550187", "accounts@empireoffice.example", null, "USD"),
        new("C10105", "北京新源餐饮管理有限公司", "861065523307", "accounts@xinyuan-catering.example", "91110105P75EC8XLNH", "CNY"),
        new("C10106", "深圳华强电子科技有限公司", "8675583762210", "accounts@hq-electronics.example", "914403008NXML2KL5H", "CNY"),
        new("C10109", "Maria Gonzalez", "14155550110", "maria.gonzalez@mail.example", null, "USD"),
        new("C10111", "Anthony Russo", "12125550129", "anthony.russo@mail.example", null, "USD"),
        new("C10120", "Shaw & Daughters Bakery Ltd", "441174960583", "accounts@shawbakery.example", "GB916697848", "GBP"),
        new("C10122", "Whitfield & Hart LLP", "442079460958", "accounts@whitfieldhart.example", "GB104332181", "GBP"),
        new("C10125", "成都锦城家具有限公司", "862885417760", "accounts@jincheng-furniture.example", "91510107NA6LFCWXLE", "CNY"),
        new("C10132", "南京金陵医疗器械有限公司", "862584621093", "accounts@jinling-med.example", "913201054847PHH8PJ", "CNY"),
        new("C10139", "Thames Valley Plumbing Ltd", "441184960754", "accounts@tvplumbing.example", "GB960013389", "GBP"),
        new("C10147", "林欣怡", "8613850716642", "lin.xinyi@mail.example", null, "CNY"),
        new("C10148", "Bristol Harbour Hotel Ltd", "441174960418", "accounts@bristolharbourhotel.example", "GB161559407", "GBP"),
        new("C10162", "杭州云帆网络科技有限公司", "8657186903325", "accounts@yunfan-tech.example", "91330106RAC826XYJW", "CNY"),
        new("C10166", "Parkside Pediatrics", "13125550154", "accounts@parksidepeds.example", null, "USD"),
        new("C10168", "Lakeshore Property Mgmt LLC", "13125550119", "accounts@lakeshorepm.example", null, "USD"),
        new("C10169", "明辉国际物流（上海）有限公司", "862162350188", "caiwu@minghui-logistics.example", "913101048QLA39D5E0", "CNY"),
        new("C10172", "胡婷", "8613921047785", "hu.ting@mail.example", null, "CNY"),
        new("C10173", "Goldberg & Sons Jewelers Inc.", "12125550163", "accounts@goldbergsons.example", null, "USD"),
        new("C10182", "苏州工业园区精密模具有限公司", "8651262954408", "accounts@precision-mold.example", "91320594DWJCB74GF2", "CNY"),
        new("C10186", "North Loop Brewing Company", "13125550138", "accounts@northloopbrewing.example", null, "USD"),
        new("C10187", "Golden Gate Coffee Roasters Inc.", "14155550172", "accounts@ggcoffee.example", null, "USD"),
        new("C10201", "Oliver Bennett", "441614960321", "oliver.bennett@mail.example", null, "GBP"),
        new("C10207", "Northern Rail Parts Ltd", "441614960870", "accounts@northernrailparts.example", "GB083863794", "GBP"),
        new("C10209", "Belfast Print Works Ltd", "442896496104", "accounts@belfastprint.example", "GB816184959", "GBP"),
        new("C10214", "Mission Street Bikes", "14155550126", "accounts@missionbikes.example", null, "USD"),
        new("C10216", "Hudson Freight Logistics LLC", "12125550100", "accounts@hudsonfreight.example", null, "USD"),
        new("C10221", "周艳", "8613917734852", "zhou.yan@mail.example", null, "CNY"),
        new("C10232", "Campbell Tartan Mills Ltd", "441314960221", "accounts@campbelltartan.example", "GB026542351", "GBP"),
        new("C10235", "武汉长江建材有限公司", "862785773016", "accounts@changjiang-bm.example", "91420106Q1U34L5RMD", "CNY"),
        new("C10238", "Bayview Dental Group, P.C.", "14155550134", "accounts@bayviewdental.example", null, "USD"),
    ];
}
