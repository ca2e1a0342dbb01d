using MudBlazor;

namespace EscalationStudio.Server.Shell;

/// <summary>MudBlazor's theme with the system's fonts: MudBlazor names Roboto, which nothing here downloads.</summary>
internal static class ProductTheme
{
    private static readonly string[] SystemFonts = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"];

    public static readonly MudTheme Theme = Build();

    private static MudTheme Build()
    {
        var theme = new MudTheme();
        theme.PaletteLight.Primary = "#1f4e8c";
        theme.PaletteLight.AppbarBackground = "#1f4e8c";
        theme.Typography.Default.FontFamily = SystemFonts;
        theme.Typography.Button.FontFamily = SystemFonts;
        theme.Typography.Caption.FontFamily = SystemFonts;
        theme.Typography.Overline.FontFamily = SystemFonts;
        theme.Typography.H1.FontFamily = SystemFonts;
        theme.Typography.H2.FontFamily = SystemFonts;
        theme.Typography.H3.FontFamily = SystemFonts;
        theme.Typography.H4.FontFamily = SystemFonts;
        theme.Typography.H5.FontFamily = SystemFonts;
        theme.Typography.H6.FontFamily = SystemFonts;
        theme.Typography.Body1.FontFamily = SystemFonts;
        theme.Typography.Body2.FontFamily = SystemFonts;
        theme.Typography.Subtitle1.FontFamily = SystemFonts;
        theme.Typography.Subtitle2.FontFamily = SystemFonts;
        return theme;
    }
}
