using System.Text;

namespace Switchboard.LoadGenerator;

/// <summary>The raw HTTP/1.1 request sent again and again, built once.</summary>
internal static class RequestBytes
{
    public static byte[] Build(LoadOptions options, byte[] body)
    {
        var head = new StringBuilder()
            .Append(options.Method).Append(' ').Append(options.Url.PathAndQuery).Append(" HTTP/1.1\r\n")
            .Append("Host: ").Append(options.Url.Authority).Append("\r\n");
        if (body.Length > 0 || options.Method is "POST" or "PUT" or "PATCH")
        {
            head.Append("Content-Type: ").Append(options.ContentType).Append("\r\n")
                .Append("Content-Length: ").Append(body.Length).Append("\r\n");
        }

        head.Append("\r\n");
        var headBytes = Encoding.ASCII.GetBytes(head.ToString());
        var request = new byte[headBytes.Length + body.Length];
        headBytes.CopyTo(request, 0);
        body.CopyTo(request, headBytes.Length);
        return request;
    }
}
