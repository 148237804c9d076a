using System.Net;

namespace Monitor.Worker.Tests.Web;

/// <summary>Risk guarded: a deployment without an operator secret exposing the admin pages to anyone on the network.</summary>
[Collection(AdminHostCollection.Name)]
public sealed class AdminDisabledTests
{
    [Fact]
    public async Task Without_a_secret_every_admin_path_is_404_with_a_clear_message_and_unsubscribe_still_works()
    {
        await using var host = await AdminHost.StartAsync(withSecret: false);
        using var client = host.Client();

        foreach (var path in new[] { "/admin", "/admin/login", "/admin/sources" })
        {
            var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Contains("Monitor__Web__AdminPasswordHash", await response.Content.ReadAsStringAsync());
        }
        var login = await client.PostAsync("/admin/login", new FormUrlEncodedContent([new("password", "")]));
        Assert.Equal(HttpStatusCode.NotFound, login.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/unsubscribe?token=bogus")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
    }
}
