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
    System.out.println("DynamoDB Local listening on 127.0.0.1");
    proxy.join();
  }
}
