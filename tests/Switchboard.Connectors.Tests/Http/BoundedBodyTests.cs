using System.Net.Http.Headers;
using System.Text;
using Switchboard.Connectors.Http;

namespace Switchboard.Connectors.Tests.Http;

public sealed class BoundedBodyTests
{
    [Fact]
    public async Task A_body_without_a_charset_is_read_as_utf8()
    {
        (await ReadAsync(Encoding.UTF8.GetBytes("{\"name\":\"李伟\"}"))).ShouldBe("{\"name\":\"李伟\"}");
    }

    [Fact]
    public async Task The_charset_of_the_content_type_is_used()
    {
        (await ReadAsync([0x22, 0xE9, 0x22], "text/plain; charset=iso-8859-1")).ShouldBe("\"é\"");
    }

    [Fact]
    public async Task A_byte_order_mark_wins_over_the_charset_and_is_not_part_of_the_text()
    {
        (await ReadAsync([.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("{\"a\":1}")], "application/json; charset=utf-8")).ShouldBe("{\"a\":1}");
        (await ReadAsync([.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes("[]")])).ShouldBe("[]");
        (await ReadAsync([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("ok")], "text/plain; charset=iso-8859-1")).ShouldBe("ok");
        (await ReadAsync([.. Encoding.UTF32.GetPreamble(), .. Encoding.UTF32.GetBytes("x")])).ShouldBe("x");
    }

    [Fact]
    public async Task A_body_longer_than_the_limit_is_not_read_whether_or_not_its_length_is_announced()
    {
        var body = new byte[100];
        (await ReadAsync(body, maxBytes: 99)).ShouldBeNull();
        (await ReadAsync(body, maxBytes: 99, announceLength: false)).ShouldBeNull();
        (await ReadAsync(body, maxBytes: 100, announceLength: false)).ShouldNotBeNull().Length.ShouldBe(100);
    }

    private static async Task<string?> ReadAsync(byte[] body, string? contentType = null, int maxBytes = 1 << 20, bool announceLength = true)
    {
        HttpContent content = announceLength ? new ByteArrayContent(body) : new StreamContent(new UnannouncedStream(body));
        if (contentType is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        using var response = new HttpResponseMessage { Content = content };
        return await BoundedBody.ReadAsync(response, maxBytes, CancellationToken.None);
    }

    /// <summary>A body whose length nobody announced (chunked).</summary>
    private sealed class UnannouncedStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
