namespace Monitor.Worker.Web.Admin;

/// <summary>The pages' one stylesheet, inline (the CSP allows inline styles, never scripts).</summary>
internal static class AdminStyle
{
    public const string Css = """
        body { font-family: system-ui, "Noto Naskh Arabic", Tahoma, sans-serif; margin: 0; line-height: 1.5; color: #1b1b1b; }
        header { background: #20364f; padding: .5rem 1rem; }
        nav { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; }
        nav a, nav strong { color: #fff; text-decoration: none; }
        nav button { font-size: .9rem; }
        main { padding: 1rem; max-width: 80rem; }
        table { border-collapse: collapse; width: 100%; margin: 1rem 0; }
        th, td { border-bottom: 1px solid #ddd; padding: .35rem .5rem; text-align: start; vertical-align: top; }
        .ok { color: #176b2c; } .bad { color: #a31515; font-weight: bold; } .muted { color: #666; }
        .error { color: #a31515; display: block; font-size: .9rem; }
        .notice { background: #eef6ee; border: 1px solid #9c9; padding: .5rem; }
        .problem { background: #fbeaea; border: 1px solid #d99; padding: .5rem; }
        form.inline { display: inline; }
        label { display: block; margin-top: .6rem; font-weight: 600; }
        input[type=text], input[type=url], input[type=email], input[type=password], select, textarea { width: 100%; max-width: 40rem; font: inherit; padding: .3rem; }
        textarea { min-height: 8rem; }
        button { font: inherit; padding: .3rem .8rem; margin: .2rem 0; }
        iframe.preview { width: 100%; height: 40rem; border: 1px solid #ccc; }
        .tag { display: inline-block; background: #e8eef6; border-radius: .3rem; padding: 0 .4rem; margin: .1rem; }
        pre { white-space: pre-wrap; background: #f6f6f6; padding: .5rem; }
        """;
}
