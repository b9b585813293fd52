namespace SecondChance.Samples.Web.Security;

/// <summary>
/// Headers on every response: a Content-Security-Policy that allows only the page's own files (no
/// inline script or style, no framing), no MIME sniffing and no referrer, so a candidate link in the
/// address bar never leaks to another site.
/// </summary>
public static class SecurityHeaders
{
    public static IApplicationBuilder UseSecondChanceSecurityHeaders(this IApplicationBuilder app) =>
        app.UseSecurityHeaders(new HeaderPolicyCollection()
            .AddFrameOptionsDeny()
            .AddContentTypeOptionsNoSniff()
            .AddReferrerPolicyNoReferrer()
            .RemoveServerHeader()
            .AddContentSecurityPolicy(csp =>
            {
                csp.AddDefaultSrc().Self();
                csp.AddScriptSrc().Self();
                csp.AddStyleSrc().Self();
                csp.AddImgSrc().Self().Data();
                csp.AddConnectSrc().Self();
                csp.AddObjectSrc().None();
                csp.AddBaseUri().Self();
                csp.AddFormAction().Self();
                csp.AddFrameAncestors().None();
            }));
}
