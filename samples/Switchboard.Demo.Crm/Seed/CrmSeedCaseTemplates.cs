namespace Switchboard.Demo.Crm.Seed;

/// <summary>What customers open cases about, in the language their contact prefers.</summary>
internal static class CrmSeedCaseTemplates
{
    public static readonly IReadOnlyList<CaseTemplate> English =
    [
        new("Invoice total does not match the order", "Customer says the invoice charges shipping twice and asks for a corrected copy."),
        new("Delivery arrived damaged", "Two cartons crushed on arrival; photos sent by email. Customer wants a replacement, not a refund."),
        new("Update billing address", "Accounts payable moved to a new office; invoices should go to the new address from next month."),
        new("Cannot log in to the customer portal", "Password reset email never arrives. Checked spam folder."),
        new("Order delayed - customer asking for ETA", "Order promised for Friday has not shipped; customer needs it for an event."),
        new("Return request for unopened items", "Ordered the wrong size; items unopened, within 30 days."),
        new("Warranty claim: barcode scanner not powering on", "Scanner bought 8 months ago stopped charging. Serial number in the notes."),
        new("Question about volume discount", "Customer plans to double monthly paper orders and asks about tier pricing."),
        new("Duplicate charge on card", "Card statement shows the same amount twice on the same day."),
    ];

    public static readonly IReadOnlyList<CaseTemplate> Chinese =
    [
        new("发票金额与订单不符", "客户反映发票上的运费被重复收取，要求重新开具发票。"),
        new("货物到达时包装破损", "收货时两箱外包装破损，部分商品受损，客户要求补发。"),
        new("要求修改开票信息", "客户公司名称已变更，需要更新增值税专用发票抬头。"),
        new("订单延迟发货", "客户询问订单的预计到货时间，下周一前必须到货。"),
        new("退货申请", "客户订错型号，商品未拆封，希望办理退货。"),
        new("扫码枪无法开机（保修）", "设备购买八个月后无法充电，序列号见备注。"),
    ];
}
