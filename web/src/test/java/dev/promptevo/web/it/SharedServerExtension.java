package dev.promptevo.web.it;

import fish.payara.arquillian.container.payara.managed.PayaraMicroDeployableContainer;
import java.lang.annotation.Annotation;
import org.jboss.arquillian.container.spi.ContainerRegistry;
import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.core.api.Instance;
import org.jboss.arquillian.core.api.annotation.Inject;
import org.jboss.arquillian.core.spi.LoadableExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.arquillian.test.spi.enricher.resource.ResourceProvider;

/**
 * Puts {@link SharedPayaraMicro} in the place of Arquillian's Payara Micro container (so one server
 * serves every test class), and lets a test ask for it with {@code @ArquillianResource SharedPayaraMicro}
 * to restart it. Registered in {@code META-INF/services/org.jboss.arquillian.core.spi.LoadableExtension}.
 */
public final class SharedServerExtension implements LoadableExtension {
    @Override
    public void register(ExtensionBuilder builder) {
        builder.override(DeployableContainer.class, PayaraMicroDeployableContainer.class, SharedPayaraMicro.class)
                .service(ResourceProvider.class, ServerProvider.class);
    }

    /** Gives a test the shared server. */
    public static final class ServerProvider implements ResourceProvider {
        @Inject
        private Instance<ContainerRegistry> registry;

        @Override
        public boolean canProvide(Class<?> type) {
            return type == SharedPayaraMicro.class;
        }

        @Override
        public Object lookup(ArquillianResource resource, Annotation... qualifiers) {
            return registry.get().getContainers().stream()
                    .map(container -> container.getDeployableContainer())
                    .filter(SharedPayaraMicro.class::isInstance)
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no shared Payara Micro container is configured"));
        }
    }
}
