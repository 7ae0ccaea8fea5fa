// Starts Amazon DynamoDB Local bound to 127.0.0.1 only. DynamoDB Local itself listens on every
// interface and has no option to change that, so this launcher builds the server exactly as
// DynamoDB Local's own main() does and sets the host of its one Jetty connector before starting it.
// Run in Java's source-file mode: java -cp <DynamoDBLocal.jar>:<lib>/* LoopbackDynamoDbLocal.java <DynamoDB Local args>
import java.lang.reflect.Field;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

public class LoopbackDynamoDbLocal {
  public static void main(String[] args) throws Exception {
    DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(args);
    Field field = DynamoDBProxyServer.class.getDeclaredField("server");
    field.setAccessible(true);
    Server server = (Server) field.get(proxy);
    for (var connector : server.getConnectors()) {
      ((ServerConnector) connector).setHost("127.0.0.1");
    }
    proxy.start();
    exitWhenParentGoes();
    System.out.println("DynamoDB Local listening on 127.0.0.1");
    proxy.join();
  }

  // The parent holds our stdin open. However it ends, even killed with no chance to clean up, the
  // kernel closes that pipe: we read end-of-file and go too, so no JVM is left holding the port.
  private static void exitWhenParentGoes() {
    Thread watcher = new Thread(() -> {
      try {
        while (System.in.read() != -1) {
          // Nothing is ever sent; any byte is ignored.
        }
      } catch (java.io.IOException ignored) {
        // A broken pipe means the same as end-of-file.
      }
      Runtime.getRuntime().halt(0);
    }, "exit-with-parent");
    watcher.setDaemon(true);
    watcher.start();
  }
}
