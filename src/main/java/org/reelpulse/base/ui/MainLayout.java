package org.reelpulse.base.ui;

import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.menubar.MenuBar;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import com.vaadin.flow.server.menu.MenuConfiguration;
import com.vaadin.flow.spring.security.AuthenticationContext;

/**
 * The frame around every view: title, navigation and the user menu. The navigation lists only
 * the views the user's role may open ({@link MenuConfiguration} applies the views' access rules).
 */
@Layout
@AnonymousAllowed
public class MainLayout extends AppLayout {

    public MainLayout(AuthenticationContext auth) {
        H1 title = new H1("ReelPulse");
        title.getStyle().set("font-size", "var(--lumo-font-size-l)").set("margin", "0");

        HorizontalLayout header = new HorizontalLayout(new DrawerToggle(), title);
        header.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        header.setWidthFull();
        header.getStyle().set("padding-right", "var(--lumo-space-m)");

        com.vaadin.flow.component.button.Button theme = new com.vaadin.flow.component.button.Button(
                new Icon("vaadin:adjust"));
        theme.setId("theme-toggle");
        theme.setAriaLabel("Switch between the light and the dark theme");
        theme.setTooltipText("Light or dark theme");
        theme.addThemeVariants(com.vaadin.flow.component.button.ButtonVariant.LUMO_TERTIARY);
        // chosen per browser, kept in its local storage, applied before the page draws (index.html)
        theme.addClickListener(e -> theme.getElement().executeJs("const d = document.documentElement;"
                + "const dark = d.getAttribute('theme') !== 'dark';"
                + "if (dark) { d.setAttribute('theme', 'dark'); } else { d.removeAttribute('theme'); }"
                + "localStorage.setItem('reelpulse-theme', dark ? 'dark' : 'light');"));
        HorizontalLayout themeSpacer = new HorizontalLayout();
        header.add(themeSpacer, theme);
        header.expand(themeSpacer);

        auth.getPrincipalName().ifPresent(name -> {
            MenuBar user = new MenuBar();
            user.setId("user-menu");
            String role = auth.hasRole("ADMIN") ? "admin" : auth.hasRole("ANALYST") ? "analyst" : "viewer";
            var item = user.addItem(new Span(name + " · " + role));
            item.getSubMenu().addItem("Log out", e -> auth.logout()).setId("logout");
            header.add(user);
        });
        addToNavbar(header);

        SideNav nav = new SideNav();
        nav.setId("main-nav");
        for (var entry : MenuConfiguration.getMenuEntries()) {
            SideNavItem item = new SideNavItem(entry.title(), entry.path());
            if (entry.icon() != null && entry.icon().startsWith("vaadin:")) {
                item.setPrefixComponent(new Icon(entry.icon()));
            }
            nav.addItem(item);
        }
        addToDrawer(nav);
        setPrimarySection(Section.DRAWER);
    }
}
