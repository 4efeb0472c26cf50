package dev.promptevo.web.it;

import fish.payara.arquillian.container.payara.managed.PayaraMicroContainerConfiguration;
import fish.payara.arquillian.container.payara.managed.PayaraMicroDeployableContainer;
import java.net.MalformedURLException;
import java.net.URL;
import java.util.logging.Logger;
import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.client.container.LifecycleException;
import org.jboss.arquillian.container.spi.client.protocol.ProtocolDescription;
import org.jboss.arquillian.container.spi.client.protocol.metadata.HTTPContext;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.shrinkwrap.api.Archive;

/**
 * Payara Micro started once for the whole integration-test run instead of once per test class.
 *
 * <p>Arquillian's Payara Micro container starts a server process when a class deploys its archive and
 * stops it when the class undeploys it, and a start costs 25-60 s here. Every test class deploys the
 * same WAR, so this container (put in the Payara one's place by {@link SharedServerExtension}) starts
 * the server for the first class, hands the same server to the next ones, and stops it when the
 * suite ends. {@link #restart()} stops it and starts it again on the same data directory and
 * database, for the tests that need a real restart.
 */
public final class SharedPayaraMicro implements DeployableContainer<PayaraMicroContainerConfiguration> {
    private static final Logger LOG = Logger.getLogger(SharedPayaraMicro.class.getName());

    private final PayaraMicroDeployableContainer payara = new PayaraMicroDeployableContainer();
    private PayaraMicroContainerConfiguration configuration;
    private String microOptions;
    private Archive<?> deployed;
    private ProtocolMetaData running;
    private int starts;

    @Override
    public Class<PayaraMicroContainerConfiguration> getConfigurationClass() {
        return PayaraMicroContainerConfiguration.class;
    }

    @Override
    public void setup(PayaraMicroContainerConfiguration configuration) {
        this.configuration = configuration;
        this.microOptions = configuration.getExtraMicroOptions();
        payara.setup(configuration);
    }

    @Override
    public ProtocolDescription getDefaultProtocol() {
        return payara.getDefaultProtocol();
    }

    @Override
    public synchronized ProtocolMetaData deploy(Archive<?> archive) throws DeploymentException {
        if (running == null) {
            return start(archive);
        }
        if (!archive.getName().equals(deployed.getName())) {
            throw new DeploymentException("the shared server runs " + deployed.getName() + "; a test class asked for "
                    + archive.getName() + " (every class must deploy the same WAR)");
        }
        return running;
    }

    /** Nothing: the next test class gets the same server; {@link #stop()} ends it after the last one. */
    @Override
    public void undeploy(Archive<?> archive) {}

    @Override
    public synchronized void stop() throws LifecycleException {
        if (running != null) {
            try {
                payara.undeploy(deployed);
            } catch (DeploymentException e) {
                throw new LifecycleException("could not stop Payara Micro", e);
            }
            running = null;
        }
        payara.stop();
    }

    /**
     * Stops the server (SIGTERM, as a service manager stops it) and starts a new one with the same
     * WAR, data directory and database, as an operator restarting it would.
     *
     * @return the restarted server's address
     */
    public synchronized URL restart() throws DeploymentException {
        if (running == null) {
            throw new IllegalStateException("no server is running");
        }
        payara.undeploy(deployed);
        running = null;
        // A Payara Micro started on the folder of an earlier one deploys that one's applications as well as
        // its own: each start gets a folder of its own (the data directory is the one that is shared).
        configuration.setExtraMicroOptions(microOptions.replaceFirst("--rootdir\\s+(\\S+)", "--rootdir $1-" + starts));
        start(deployed);
        return url();
    }

    /** The running server's address. */
    public synchronized URL url() {
        HTTPContext http = running.getContexts(HTTPContext.class).iterator().next();
        try {
            return new URL("http", http.getHost(), http.getPort(), "/");
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    private ProtocolMetaData start(Archive<?> archive) throws DeploymentException {
        LOG.info(() -> "starting Payara Micro with " + archive.getName() + " (start " + (starts + 1)
                + " of this test run): " + configuration.getExtraMicroOptions());
        running = payara.deploy(archive);
        deployed = archive;
        starts++;
        return running;
    }
}
